import AsyncHTTPClient
import Delivery
import Execution
import Foundation

/// One replica of a local target: its process (restarted with backoff when it exits) and its readiness probe.
actor Replica {
    let service: String
    let version: String
    let index: Int
    let config: LocalTargetConfig
    let root: String
    let logPath: String
    /// The replica's port, kept across restarts so the proxy's view of it stays right.
    nonisolated let port: Int
    private var process: ServiceProcess?
    private var restarts = 0
    private var ready = false
    private var consecutiveFailures = 0
    private var message: String?
    private var stopping = false
    private var supervisor: Task<Void, Never>?
    private var probe: Task<Void, Never>?

    init(service: String, version: String, index: Int, config: LocalTargetConfig, root: String, logPath: String) throws {
        self.port = try FreePort.allocate()
        self.service = service
        self.version = version
        self.index = index
        self.config = config
        self.root = root
        self.logPath = logPath
    }

    /// Starts the process and the loops that keep it running and probe it.
    func start() throws {
        try launch()
        supervisor = Task { await self.supervise() }
        probe = Task { await self.probeLoop() }
    }

    func status() -> (ready: Bool, message: String?) { (ready && !stopping, message) }

    /// Drains the replica: SIGTERM to its process group, SIGKILL after `grace`.
    func stop(grace: Duration) async {
        stopping = true
        ready = false
        probe?.cancel()
        supervisor?.cancel()
        await process?.terminate(grace: grace)
    }

    private func launch() throws {
        let values = ["VERSION": version, "PORT": String(port), "REPLICA": String(index), "SERVICE": service]
        func fill(_ text: String) -> String {
            values.reduce(text) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
        }
        let directory = config.workingDirectory.map(fill).map { $0.hasPrefix("/") ? $0 : root + "/" + $0 } ?? root
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in config.environment { environment[name] = fill(value) }
        environment["PORT"] = String(port)
        let arguments = config.command.map(fill)
        let spec = ProcessSpec(
            arguments: arguments, environment: environment, directory: directory, owner: "\(service)-\(version)-\(index)")
        let started = try ServiceProcess(spec, logPath: logPath)
        process = started
        // Remembered so that a restarted `gantry serve` can end replicas a crash (kill -9) left behind.
        OrphanReplicas.remember(pid: started.pid, command: arguments[0], in: (logPath as NSString).deletingLastPathComponent)
        ready = false
        consecutiveFailures = 0
    }

    /// Waits for the process to exit and starts it again, waiting `backoff` (doubling up to `maxBackoff`).
    private func supervise() async {
        var backoff = config.restart.backoff
        while !Task.isCancelled && !stopping {
            guard let process else { return }
            let status = await process.wait()
            if stopping || Task.isCancelled { return }
            restarts += 1
            ready = false
            message = "replica \(index) of \(version) \(ServiceProcess.describe(status)) (restart \(restarts) in \(backoff))"
            try? await Task.sleep(for: backoff)
            if stopping || Task.isCancelled { return }
            do {
                try launch()
            } catch {
                message = "replica \(index) of \(version) could not start: \(error)"
            }
            backoff = min(backoff * 2, config.restart.maxBackoff)
        }
    }

    private func probeLoop() async {
        let probe = config.readiness
        while !Task.isCancelled && !stopping {
            let healthy = await check(path: probe.path, timeout: probe.timeout)
            if healthy {
                consecutiveFailures = 0
                if !ready { message = nil }
                ready = true
            } else {
                consecutiveFailures += 1
                if consecutiveFailures >= probe.failureThreshold || !ready {
                    ready = false
                    message = message ?? "replica \(index) of \(version) is not ready: GET \(probe.path) on port \(port) failed"
                }
            }
            try? await Task.sleep(for: ready ? probe.interval : min(probe.interval, .milliseconds(100)))
        }
    }

    private func check(path: String, timeout: Duration) async -> Bool {
        guard process?.hasExited == false else { return false }
        do {
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(timeout.milliseconds))
            _ = try await response.body.collect(upTo: 1 << 16)
            return (200..<400).contains(Int(response.status.code))
        } catch {
            return false
        }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
