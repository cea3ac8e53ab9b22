import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real Prometheus (Debian's `prometheus` package) on 127.0.0.1 for end-to-end tests: a temporary folder for its
/// configuration and data, one job scraping the given targets every second; `stop` ends it (SIGTERM, then SIGKILL)
/// and removes the folder.
final class LocalPrometheus: @unchecked Sendable {
    /// The job name in the generated scrape configuration.
    static let job = "gantry"

    let port: Int
    let process: Process
    let directory: URL
    /// `http://127.0.0.1:<port>`, the address a spec's `prometheus` provider points at.
    var address: String { "http://127.0.0.1:\(port)" }

    /// The `prometheus` binary; a clear failure when it is missing, because the tests must not pass without it.
    static func executable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = ["/usr/bin/prometheus"] + path.split(separator: ":").map { "\($0)/prometheus" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SandboxError(
                message: "prometheus is not installed (no /usr/bin/prometheus or prometheus on PATH); scripts/test "
                    + "installs it, or run `apt-get install -y prometheus`")
        }
        return found
    }

    /// Starts Prometheus on `port`, scraping `targets` (`host:port`) at `/metrics` every second, and waits until its
    /// API answers.
    init(port: Int, scraping targets: [String]) throws {
        let executable = try Self.executable()
        self.port = port
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-prometheus-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let list = targets.map { "'\($0)'" }.joined(separator: ", ")
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: \(Self.job)
            metrics_path: /metrics
            static_configs:
              - targets: [\(list)]
        """.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        let logURL = directory.appendingPathComponent("prometheus.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        for _ in 0..<200 {
            guard process.isRunning else { break }
            if (try? query("vector(1)")) == 1 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let tail = logTail()
        stop()
        throw SandboxError(message: "prometheus did not answer on \(address); its log ends with:\n\(tail)")
    }

    /// The value of an instant query, nil when it has no single finite value.
    func query(_ promQL: String) throws -> Double? {
        let answer = try Sandbox.execute(
            [
                "/usr/bin/env", "curl", "-s", "--max-time", "2", "--get", "--data-urlencode", "query=\(promQL)",
                "\(address)/api/v1/query",
            ], in: directory)
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any],
            let data = object["data"] as? [String: Any], let result = data["result"] as? [[String: Any]],
            result.count == 1, let pair = result[0]["value"] as? [Any], pair.count == 2,
            let text = pair[1] as? String, let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// Waits until every target of the job has been scraped successfully.
    func waitUntilScraping(targets: Int, timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? query("sum(up{job=\"\(Self.job)\"})")) == Double(targets) { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw SandboxError(message: "prometheus never scraped its \(targets) target(s); log:\n\(logTail())")
    }

    /// The last lines Prometheus logged.
    func logTail() -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("prometheus.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Stops the server (SIGTERM, up to 5 s, then SIGKILL), reaps it and removes its folder. Idempotent.
    func stop() {
        let pid = process.processIdentifier
        if process.isRunning {
            kill(pid, SIGTERM)
            for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
