import Foundation
import MetricProviders

#if canImport(Glibc)
    import Glibc
#endif

extension PrometheusServer {
    /// A helper failure with a readable message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Measures `promQL` now through the provider under test.
    func query(_ promQL: String, range: PrometheusRange? = nil) async -> MetricResult {
        let query = MetricQuery.prometheus(promQL, address: address, range: range, timeout: .seconds(5))
        return await PrometheusProvider().measure(query, at: Date())
    }

    /// Polls `promQL` until `accept` takes its result or `timeout` passes; returns the last result.
    func poll(
        _ promQL: String,
        timeout: Duration = .seconds(20),
        until accept: (MetricResult) -> Bool
    ) async throws -> MetricResult {
        let deadline = ContinuousClock.now + timeout
        var result = await query(promQL)
        while !accept(result) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            result = await query(promQL)
        }
        return result
    }

    /// Waits for the HTTP API; false if the process died first (port taken, bad flag).
    func waitUntilReady(timeout: Duration = .seconds(20)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { return false }
            if await query("vector(1)").value == 1 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until `count` targets of the job have been scraped successfully.
    func waitUntilTargetsAreUp(count: Int, timeout: Duration = .seconds(30)) async throws {
        let result = try await poll("sum(up{job=\"\(Self.job)\"})", timeout: timeout) { $0.value == Double(count) }
        guard result.value == Double(count) else {
            throw Failure("prometheus never saw its \(count) target(s) up (last: \(result)); log:\n\(logTail())")
        }
    }

    /// Stops the server: SIGTERM, up to 5 s to exit, then SIGKILL; removes its folder.
    func stop(removingDirectory: Bool = true) async {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if process.isRunning {
                kill(processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        if removingDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The last lines Prometheus logged.
    func logTail() -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// A port nothing listens on right now (the kernel's choice for port 0, released again).
    static func freePort() throws -> Int {
        try ClosedPort().port
    }

    /// Runs a command with its output discarded; its exit status.
    static func runQuietly(_ arguments: [String]) async -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(200)) }
        return process.terminationStatus
    }
}
