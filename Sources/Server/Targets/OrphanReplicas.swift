import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replica processes a previous `gantry serve` started, listed in `<log directory>/replicas.pids`, so that after a
/// crash the next start can end them instead of leaving them running beside the new replicas.
enum OrphanReplicas {
    private static let lock = NSLock()

    static func remember(pid: Int32, command: String, in directory: String) {
        let line = "\(pid) \(URL(fileURLWithPath: command).lastPathComponent)\n"
        lock.withLock {
            let path = directory + "/replicas.pids"
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data(line.utf8))
                try? handle.close()
            } else {
                FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
            }
        }
    }

    /// Kills (SIGKILL, whole process group) every listed process that is still alive and still runs the listed
    /// command, then forgets the list. Returns how many it ended.
    @discardableResult
    static func endAll(in directory: String) -> Int {
        let path = directory + "/replicas.pids"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        var ended = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let pid = Int32(parts[0]), kill(pid, 0) == 0 else { continue }
            // A pid can be reused; only a process whose command line names the replica's program is ended.
            let commandLine = (FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard commandLine.contains(parts[1]) else { continue }
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            ended += 1
        }
        try? FileManager.default.removeItem(atPath: path)
        return ended
    }
}
