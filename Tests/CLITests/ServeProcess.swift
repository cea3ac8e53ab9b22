import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real `gantry serve` started in a sandbox on its own port, for the delivery tests: it is running and answering
/// `/healthz` when `init` returns. `crash` is a kill -9 (no graceful shutdown, as after a crash); `stop` is a
/// SIGTERM with up to 10 s to finish, then SIGKILL.
final class ServeProcess {
    let process: Process
    let url: String

    init(in root: URL, port: Int, environment: [String: String] = [:], log: URL? = nil) throws {
        url = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = Sandbox.binary
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") }
            .merging(environment) { $1 }
        if let log {
            if !FileManager.default.fileExists(atPath: log.path) {
                FileManager.default.createFile(atPath: log.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: log)
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        for _ in 0..<200 {
            let probe = try? Sandbox.execute(
                ["/usr/bin/env", "curl", "-s", "--max-time", "1", "-o", "/dev/null", "-w", "%{http_code}", url + "/healthz"],
                in: root)
            if probe?.stdout == "200" { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw SandboxError(message: "gantry serve did not answer on \(url)")
    }

    /// kill -9, and reaped here: Foundation's own termination monitor does not always notice a SIGKILL in time.
    func crash() {
        kill(process.processIdentifier, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(process.processIdentifier, &status, 0)
    }

    /// SIGTERM, up to 10 s for a graceful shutdown, then SIGKILL.
    func stop() {
        kill(process.processIdentifier, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(process.processIdentifier, &status, WNOHANG) == 0 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, SIGKILL)
    }
}
