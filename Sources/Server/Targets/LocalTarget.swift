import Delivery
import Execution
import Foundation

/// The `local` target: Gantry runs each replica as a child process on 127.0.0.1, checks its readiness over HTTP,
/// restarts it with backoff when it exits, and drains it (SIGTERM, grace, SIGKILL) when it is stopped.
public actor LocalTarget: Target {
    let service: String
    let config: LocalTargetConfig
    /// Where relative commands and working directories are resolved (the repository root).
    let root: String
    /// Replica output goes to `<logDirectory>/<role>-<index>.log`.
    let logDirectory: String
    private var roles: [ReplicaRole: [Replica]] = [:]

    public init(service: String, config: LocalTargetConfig, root: String, logDirectory: String) {
        self.service = service
        self.config = config
        self.root = root
        self.logDirectory = logDirectory
    }

    public func deploy(version: String, role: ReplicaRole, replicas: Int) async throws -> [ReplicaEndpoint] {
        let current = roles[role] ?? []
        if !current.isEmpty, current.allSatisfy({ $0.version == version }) {
            return try await scale(role: role, replicas: replicas)
        }
        roles[role] = []
        for replica in current { await replica.stop(grace: config.drain.grace) }
        return try await scale(role: role, replicas: replicas, version: version)
    }

    public func scale(role: ReplicaRole, replicas count: Int) async throws -> [ReplicaEndpoint] {
        guard let version = roles[role]?.first?.version else { return [] }
        return try await scale(role: role, replicas: count, version: version)
    }

    private func scale(role: ReplicaRole, replicas count: Int, version: String) async throws -> [ReplicaEndpoint] {
        var current = roles[role] ?? []
        while current.count > count {
            let extra = current.removeLast()
            roles[role] = current
            await extra.stop(grace: config.drain.grace)
        }
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        while current.count < count {
            let index = current.count
            let replica = try Replica(
                service: service, version: version, index: index, config: config, root: root,
                logPath: "\(logDirectory)/\(service)-\(role.rawValue)-\(index).log")
            try await replica.start()
            current.append(replica)
        }
        roles[role] = current
        return current.map { ReplicaEndpoint(host: "127.0.0.1", port: $0.port) }
    }

    public func relabel(role: ReplicaRole, as newRole: ReplicaRole) async throws {
        guard (roles[newRole] ?? []).isEmpty else {
            throw TargetError(message: "cannot relabel \(role) as \(newRole): \(newRole) still has replicas")
        }
        roles[newRole] = roles[role] ?? []
        roles[role] = []
    }

    public func stop(role: ReplicaRole) async throws {
        let current = roles[role] ?? []
        roles[role] = []
        await withTaskGroup(of: Void.self) { group in
            for replica in current { group.addTask { await replica.stop(grace: self.config.drain.grace) } }
        }
    }

    public func readiness(role: ReplicaRole) async throws -> Readiness {
        let current = roles[role] ?? []
        var ready = 0
        var messages: [String] = []
        for replica in current {
            let status = await replica.status()
            if status.ready { ready += 1 }
            if let message = status.message { messages.append(message) }
        }
        return Readiness(replicas: current.count, ready: ready, messages: messages)
    }

    /// The version each role runs and its endpoints, for status output.
    public func endpoints() -> [ReplicaRole: (version: String, endpoints: [ReplicaEndpoint])] {
        roles.compactMapValues { replicas in
            replicas.first.map { ($0.version, replicas.map { ReplicaEndpoint(host: "127.0.0.1", port: $0.port) }) }
        }
    }

    /// Stops every replica of every role (used at shutdown).
    public func stopAll() async {
        for role in Array(roles.keys) { try? await stop(role: role) }
    }
}

/// A target operation that could not be done.
public struct TargetError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
