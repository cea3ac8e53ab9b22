import Foundation
import MetricProviders

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus server for integration tests: on 127.0.0.1, a temporary config and data folder, scraping the
/// given targets every second, stopped (SIGTERM, then SIGKILL) within a few seconds.
///
/// Usage: `try await PrometheusServer.with(scraping: ["127.0.0.1:\(port)"]) { prometheus in … }`, guarded by
/// `.enabled("…") { await PrometheusServer.isAvailable() }`, which installs Debian's `prometheus` package when it
/// is missing and the tests run as root. Reusable for any test that needs a Prometheus (the proxy end-to-end).
// Unchecked: `Process` is not Sendable, but only its thread-safe members (isRunning, terminate, pid) are used.
final class PrometheusServer: @unchecked Sendable {
    /// The job name in the generated scrape config.
    static let job = "gantry"

    /// `http://127.0.0.1:<port>`.
    let address: String
    /// The server's process id (to check it is gone after `stop`).
    let processIdentifier: Int32
    let process: Process
    let directory: URL

    private init(address: String, process: Process, directory: URL) {
        self.address = address
        self.process = process
        self.processIdentifier = process.processIdentifier
        self.directory = directory
    }

    /// Whether a `prometheus` binary can be run, installing it with apt-get first if it is missing (once).
    static func isAvailable() async -> Bool {
        await installation.value
    }

    private static let installation = Task<Bool, Never> {
        if executable() != nil { return true }
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else { return false }
        let install = ["/usr/bin/apt-get", "install", "-y", "-qq", "prometheus"]
        if await runQuietly(install) == 0 { return executable() != nil }
        _ = await runQuietly(["/usr/bin/apt-get", "update", "-qq"])
        _ = await runQuietly(install)
        return executable() != nil
    }

    /// The path of the `prometheus` binary, if there is one.
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = path.split(separator: ":").map { "\($0)/prometheus" } + ["/usr/bin/prometheus"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts Prometheus scraping `targets` (`host:port`) at `metricsPath`, waits until its API answers and every
    /// target is up, runs `body`, and stops it whatever happens.
    static func with<T>(
        scraping targets: [String],
        metricsPath: String = "/metrics",
        _ body: (PrometheusServer) async throws -> T
    ) async throws -> T {
        let server = try await start(scraping: targets, metricsPath: metricsPath)
        do {
            try await server.waitUntilTargetsAreUp(count: targets.count)
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Starts Prometheus (retrying on another port if the chosen one was taken meanwhile).
    static func start(scraping targets: [String], metricsPath: String = "/metrics") async throws -> PrometheusServer {
        guard let executable = executable() else { throw Failure("prometheus is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-prometheus-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let list = targets.map { "'\($0)'" }.joined(separator: ", ")
        let config = """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: \(job)
                metrics_path: \(metricsPath)
                static_configs:
                  - targets: [\(list)]
            """
        try config.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        var lastLog = ""
        for _ in 0..<3 {
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "--config.file=\(directory.path)/prometheus.yml",
                "--storage.tsdb.path=\(directory.path)/data",
                "--web.listen-address=127.0.0.1:\(port)",
                "--log.level=warn",
            ]
            let logURL = directory.appendingPathComponent("prometheus.log")
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            process.standardOutput = log
            process.standardError = log
            try process.run()
            try? log.close()
            let server = PrometheusServer(address: "http://127.0.0.1:\(port)", process: process, directory: directory)
            if try await server.waitUntilReady() { return server }
            lastLog = server.logTail()
            await server.stop(removingDirectory: false)
        }
        try? FileManager.default.removeItem(at: directory)
        throw Failure("prometheus did not start; its log ends with:\n\(lastLog)")
    }
}
