import Foundation

/// The python3 used as a second, killable SQLite writer in crash tests; `nil` on machines without one.
enum Python {
    /// The interpreter's own executable (not a shim), found on `PATH`, that can `import sqlite3`.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories {
            let candidate = "\(directory)/python3"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-c", "import sqlite3, sys; print(sys.executable)"]
            let output = Pipe()
            probe.standardOutput = output
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            let executable = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            probe.waitUntilExit()
            if probe.terminationStatus == 0 {
                return executable.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }()
}
