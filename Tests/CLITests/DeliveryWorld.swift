import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A repository with the example service and a rollout spec, plus the `gantry serve` and `gantry load` processes
/// a delivery test starts; `stop` ends them all.
final class DeliveryWorld: @unchecked Sendable {
    let sandbox: Sandbox
    let apiPort: Int
    let proxyPort: Int
    var serve: ServeProcess?
    var server: String { "http://127.0.0.1:\(apiPort)" }

    /// The canary world of `DeliveryEndToEndTests`: 5% -> 25% -> 100% with builtin error-rate analysis.
    convenience init(pauseForever: Bool = false, freezeAlways: Bool = false) throws {
        let pause = pauseForever ? "      - pause: {}" : "      - pause: {duration: 5s}"
        let freeze = freezeAlways
            ? """
            policy:
              freeze:
                - name: always-frozen
                  effect: deny
                  days: [mon, tue, wed, thu, fri, sat, sun]
                  time: "00:00-24:00"
                  timeZone: UTC
            """ : ""
        try self.init(rollout: """
            strategy:
              canary:
                baseline: true
                backgroundAnalysis:
                  templates: [errors]
                  startingStep: 0
                steps:
                  - setWeight: 5
            \(pause)
                  - setWeight: 25
                  - pause: {duration: 5s}
                  - setWeight: 100
            analysis:
              errors:
                provider:
                  builtin: {metric: error-rate}
                interval: 1s
                judge:
                  errorRate: {}
            \(freeze)
            """)
    }

    /// A sandbox whose `.gantry/services/web.yml` runs `replicas` local replicas of the example service behind the
    /// proxy on a free port, with `rollout` (the `strategy:`, `analysis:` and `policy:` sections, unindented) as
    /// the rest of the spec. With an `adminPort`, the proxy serves its Prometheus metrics there.
    init(replicas: Int = 1, adminPort: Int? = nil, previewPort: Int? = nil, rollout: String) throws {
        apiPort = try Self.freePort()
        proxyPort = try Self.freePort()
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/web")
        let admin = (adminPort.map { "admin: 127.0.0.1:\($0)\n" } ?? "") + (previewPort.map { "preview: 127.0.0.1:\($0)" } ?? "")
        sandbox = try Sandbox(files: [
            ".gantry/services/web.yml": """
            service: web
            environment: test
            listen: 127.0.0.1:\(proxyPort)
            \(admin)
            target:
              local:
                command: ["./releases/${VERSION}/server", "--port", "${PORT}"]
                workingDirectory: examples/web
                replicas: \(replicas)
                readiness: {path: /healthz, interval: 100ms, timeout: 1s, startTimeout: 30s}
                drain: {grace: 2s}
            \(rollout)
            """,
        ])
        try sandbox.shell(
            "mkdir -p examples && cp -R '\(examples.path)' examples/web"
                + " && cp -R examples/web/releases/good examples/web/releases/good2"
                + " && sed -i 's/--version good/--version good2/' examples/web/releases/good2/server")
    }

    func startServe() throws {
        serve = try ServeProcess(in: sandbox.root, port: apiPort)
    }

    /// kill -9: no graceful shutdown, replicas are orphaned as after a crash.
    func killServe() {
        serve?.crash()
        serve = nil
    }

    func gantry(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try sandbox.gantry(arguments)
    }

    func deploy(_ version: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try gantry(["deploy", "apply", ".gantry/services/web.yml", "--version", version, "--server", server, "--by", "alice", "--json"])
    }

    /// The `rollout` part of `gantry deploy status web`.
    func status() throws -> [String: Any] {
        let answer = try gantry(["deploy", "status", "web", "--server", server, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any]
        return object?["rollout"] as? [String: Any] ?? [:]
    }

    func get(_ path: String) throws -> String {
        try Sandbox.execute(["/usr/bin/env", "curl", "-s", "--max-time", "5", "http://127.0.0.1:\(proxyPort)\(path)"], in: sandbox.root).stdout
    }

    func waitFor(timeout: Double = 45, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw SandboxError(message: "condition not met within \(timeout)s; status: \((try? status()) ?? [:])")
    }

    /// `gantry load` against the proxy in the background (`--format json` with `json`).
    func startLoad(seconds: Int, rps: Int = 200, json: Bool = false) throws -> LoadRun {
        let process = Process()
        process.executableURL = Sandbox.binary
        process.arguments =
            ["load", "http://127.0.0.1:\(proxyPort)/", "--rps", "\(rps)", "--duration", "\(seconds)s"]
            + (json ? ["--format", "json"] : [])
        process.currentDirectoryURL = sandbox.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        return LoadRun(process: process, reader: Reader(pipe.fileHandleForReading))
    }

    func stop() {
        serve?.stop()
        // Replicas orphaned by a kill -9 of serve (and a load still running) are found by their working directory
        // inside this sandbox, so processes of other tests, or of anyone else on the machine, are never touched.
        for process in sandboxProcesses() { kill(process.pid, SIGKILL) }
        sandbox.remove()
    }

    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct LoadRun {
    let process: Process
    let reader: Reader

    func finish() throws -> String {
        process.waitUntilExit()
        return reader.text()
    }

    /// Ends the load early, if it still runs.
    func cancel() {
        if process.isRunning { process.terminate() }
    }
}
