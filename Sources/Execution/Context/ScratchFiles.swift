import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Gantry's own short-lived files (step scripts, runner command files), kept in memory-backed `/dev/shm` when the
/// host has it: creating and deleting hundreds of small files per run on ext4 costs more than running the steps.
/// The user's files (workspace, RUNNER_TEMP) stay on disk.
public struct ScratchFiles: Sendable {
    public let directory: String

    /// A fresh directory for one run; in `fallback` when `/dev/shm` cannot be used.
    public static func make(runID: Int64, fallback: String) -> ScratchFiles {
        let name = "gantry-\(getpid())-\(runID)"
        for base in ["/dev/shm", fallback] where access(base, W_OK) == 0 || base == fallback {
            let path = base + "/" + name
            if mkdir(path, 0o700) == 0 || errno == EEXIST { return ScratchFiles(directory: path) }
            if base == fallback, (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil {
                return ScratchFiles(directory: path)
            }
        }
        return ScratchFiles(directory: fallback)
    }

    /// Creates (or truncates) `name` with `contents` and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String = "") throws -> String {
        let path = directory + "/" + name
        try createFile(path, contents)
        return path
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Creates or truncates a file with one `open` and `write`, without Foundation's write-to-temp-and-rename.
func createFile(_ path: String, _ contents: String = "") throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(descriptor) }
    var bytes = Array(contents.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        offset += written
    }
}
