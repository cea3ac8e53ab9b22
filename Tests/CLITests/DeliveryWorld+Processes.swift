import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A replica of the example service found running: its process id and the `--version` it was started with.
struct ReplicaProcess: Hashable {
    var pid: Int32
    var version: String
}

/// What `gantry load --format json` reports.
struct LoadOutcome {
    /// Responses by status class (2 for 2xx, 5 for 5xx).
    var statusClasses: [Int: Int]
    /// Requests that got no HTTP response.
    var connectionErrors: Int
    /// The whole report, for failure messages.
    var text: String

    /// Answers with a 5xx status plus requests without an answer.
    var failed: Int { (statusClasses[5] ?? 0) + connectionErrors }
    /// Every answer and every request without one.
    var requests: Int { statusClasses.values.reduce(0, +) + connectionErrors }
}

extension LoadRun {
    /// Waits for a `--format json` load run to end and reads its report.
    func outcome() throws -> LoadOutcome {
        let text = try finish()
        guard let start = text.firstIndex(of: "{"),
            let object = try JSONSerialization.jsonObject(with: Data(text[start...].utf8)) as? [String: Any]
        else { throw SandboxError(message: "gantry load printed no JSON report: \(text)") }
        var classes: [Int: Int] = [:]
        for (key, value) in object["status_classes"] as? [String: Int] ?? [:] {
            if let statusClass = Int(key) { classes[statusClass] = value }
        }
        return LoadOutcome(
            statusClasses: classes, connectionErrors: object["connection_errors"] as? Int ?? 0, text: text)
    }
}

extension DeliveryWorld {
    /// Every process whose working directory is inside this sandbox (replicas, `gantry load`), with its arguments.
    func sandboxProcesses() -> [(pid: Int32, arguments: [String])] {
        let root = URL(fileURLWithPath: sandbox.root.path).resolvingSymlinksInPath().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> (pid: Int32, arguments: [String])? in
            guard let pid = Int32(entry),
                let directory = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd"),
                directory == root || directory.hasPrefix(root + "/"),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            return (pid, data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// The example service's replicas running in this sandbox.
    func replicaProcesses() -> [ReplicaProcess] {
        sandboxProcesses().compactMap { process -> ReplicaProcess? in
            let arguments = process.arguments
            guard arguments.contains(where: { $0.hasSuffix("server.py") }),
                let flag = arguments.firstIndex(of: "--version"), flag + 1 < arguments.count
            else { return nil }
            return ReplicaProcess(pid: process.pid, version: arguments[flag + 1])
        }
    }

    /// The full answer of `gantry deploy status web`.
    func serviceStatus() throws -> [String: Any] {
        let answer = try gantry(["deploy", "status", "web", "--server", server, "--json"])
        return try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// `gantry deploy history web`: deployments, newest first, each with its transitions and measurements.
    func history() throws -> [[String: Any]] {
        let answer = try gantry(["deploy", "history", "web", "--server", server, "--json"])
        return try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// Sends `count` requests to the proxy one after another and counts the versions that answered
    /// (`hello from good` counts as `good`; anything else under its whole body, or `no answer`).
    func versionsServed(_ count: Int) throws -> [String: Int] {
        var versions: [String: Int] = [:]
        for _ in 0..<count {
            let body = try get("/").trimmingCharacters(in: .whitespacesAndNewlines)
            let version = body.hasPrefix("hello from ") ? String(body.dropFirst("hello from ".count)) : body
            versions[version.isEmpty ? "no answer" : version, default: 0] += 1
        }
        return versions
    }

    /// The proxy's nonzero failure counters (`connection_error`, `timeout`) by role, from its admin endpoint.
    func proxyFailures(adminPort: Int) throws -> [String] {
        let page = try Sandbox.execute(
            ["/usr/bin/env", "curl", "-s", "--max-time", "5", "http://127.0.0.1:\(adminPort)/metrics"],
            in: sandbox.root
        ).stdout
        return page.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("gantry_proxy_requests_total") && ($0.contains("connection_error") || $0.contains("timeout"))
                && !$0.hasSuffix(" 0")
        }
    }

    /// The phases a rollout ends in.
    static let finishedPhases: Set<String> = ["succeeded", "failed", "rolledBack", "aborted"]

    /// Waits until the rollout of `version` has ended, whichever way.
    func waitUntilFinished(_ version: String, timeout: Double = 45) async throws {
        try await waitFor(timeout: timeout) {
            try status()["version"] as? String == version && Self.finishedPhases.contains(phase())
        }
    }

    /// The rollout's phase, or "" before the first rollout.
    func phase() throws -> String {
        try status()["phase"] as? String ?? ""
    }
}
