import Delivery
import Execution
import Foundation

/// The `script` target: the user's own hooks deploy, scale, route and check the service (the `deploy-canary.sh`
/// style). Gantry runs each hook as a process with the details in its environment: `GANTRY_SERVICE`, `VERSION`,
/// `ROLE`, `GROUP`, `REPLICAS`, and for `setWeight` `WEIGHTS` (`stable=900 canary=100`) plus `<ROLE>_WEIGHT`
/// (permille). At the end of a rollout `promote` runs for a promoted version, and `rollback` (with the version
/// returned to as `VERSION` and the abandoned one as `FAILED_VERSION`) for any other outcome. A hook that exits
/// non-zero fails the operation with its output.
public actor ScriptTarget: Target, TrafficRouter, RolloutEndObserver {
    let service: String
    let config: ScriptTargetConfig
    let root: String
    private var counts: [String: Int] = [:]

    public init(service: String, config: ScriptTargetConfig, root: String) {
        self.service = service
        self.config = config
        self.root = root
    }

    public func deploy(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint] {
        try await run(config.deploy, "deploy", group: group, replicas: replicas)
        counts[group.id] = replicas
        return []
    }

    public func scale(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint] {
        try await run(config.scale ?? config.deploy, "scale", group: group, replicas: replicas)
        counts[group.id] = replicas
        return []
    }

    public func stop(_ group: ReplicaGroup) async throws {
        if let hook = config.stop { try await run(hook, "stop", group: group, replicas: 0) }
        counts[group.id] = nil
    }

    public func readiness(_ group: ReplicaGroup) async throws -> Readiness {
        let replicas = counts[group.id] ?? 0
        guard let health = config.health else { return Readiness(replicas: replicas, ready: replicas) }
        do {
            try await run(health, "health", group: group, replicas: replicas)
            return Readiness(replicas: replicas, ready: replicas)
        } catch {
            return Readiness(replicas: replicas, ready: 0, messages: ["\(error)"])
        }
    }

    public func setWeights(_ routes: [TrafficRoute]) async throws {
        let routes = routes.sorted { $0.role < $1.role }
        var environment = ["WEIGHTS": routes.map { "\($0.role.rawValue)=\($0.permille)" }.joined(separator: " ")]
        for route in routes { environment[route.role.rawValue.uppercased() + "_WEIGHT"] = String(route.permille) }
        let group = routes.first { $0.role == .canary }?.group ?? routes.first?.group
            ?? ReplicaGroup(id: "none", version: "", role: .stable)
        try await run(config.setWeight, "setWeight", group: group, replicas: counts[group.id] ?? 0, extra: environment)
    }

    public func rolloutEnded(_ outcome: RolloutOutcome, version: String, stable: ReplicaGroup?) async throws {
        let stableGroup = stable ?? ReplicaGroup(id: "none", version: "", role: .stable)
        let replicas = counts[stableGroup.id] ?? 0
        if outcome == .success {
            if let promote = config.promote { try await run(promote, "promote", group: stableGroup, replicas: replicas) }
        } else if let rollback = config.rollback {
            try await run(
                rollback, "rollback", group: stableGroup, replicas: replicas,
                extra: ["FAILED_VERSION": version, "OUTCOME": outcome.rawValue])
        }
    }

    /// Runs one hook to completion; throws with its output when it fails.
    func run(
        _ hook: ScriptTargetConfig.Hook, _ name: String, group: ReplicaGroup, replicas: Int, extra: [String: String] = [:]
    ) async throws {
        let arguments: [String] =
            switch hook {
            case .arguments(let words): words
            case .shell(let script): ["/bin/sh", "-c", script]
            }
        var environment = ProcessInfo.processInfo.environment.merging(config.environment) { $1 }
        environment.merge([
            "GANTRY_SERVICE": service, "VERSION": group.version, "ROLE": group.role.rawValue, "GROUP": group.id,
            "REPLICAS": String(replicas), "HOOK": name,
        ]) { $1 }
        environment.merge(extra) { $1 }
        let directory = config.workingDirectory.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 } ?? root
        let output = HookOutput()
        let spec = ProcessSpec(
            arguments: arguments, environment: environment, directory: directory, owner: "\(service)-\(name)",
            timeout: config.timeout)
        let termination = try await LocalProcessBackend.run(spec) { output.append($0) }
        guard termination == .exited(0) else {
            throw TargetError(message: "the \(name) hook of \(service) failed (\(termination)): \(output.text)")
        }
    }
}

/// The last lines a hook printed, for its error message.
final class HookOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock {
            lines.append(line)
            if lines.count > 20 { lines.removeFirst() }
        }
    }

    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
