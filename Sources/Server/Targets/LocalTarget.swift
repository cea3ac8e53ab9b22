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
    private var groups: [String: [Replica]] = [:]

    public init(service: String, config: LocalTargetConfig, root: String, logDirectory: String) {
        self.service = service
        self.config = config
        self.root = root
        self.logDirectory = logDirectory
    }

    public func deploy(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint] {
        try await scale(group, replicas: replicas)
    }

    public func scale(_ group: ReplicaGroup, replicas count: Int) async throws -> [ReplicaEndpoint] {
        var current = groups[group.id] ?? []
        while current.count > count {
            let extra = current.removeLast()
            groups[group.id] = current
            await extra.stop(grace: config.drain.grace)
        }
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        while current.count < count {
            let index = current.count
            let replica = try Replica(
                service: service, version: group.version, index: index, config: config, root: root,
                logPath: "\(logDirectory)/\(service)-\(group.id)-\(index).log")
            try await replica.start()
            current.append(replica)
        }
        groups[group.id] = current
        return current.map { ReplicaEndpoint(host: "127.0.0.1", port: $0.port) }
    }

    public func stop(_ group: ReplicaGroup) async throws {
        let current = groups.removeValue(forKey: group.id) ?? []
        await withTaskGroup(of: Void.self) { tasks in
            for replica in current { tasks.addTask { await replica.stop(grace: self.config.drain.grace) } }
        }
    }

    public func readiness(_ group: ReplicaGroup) async throws -> Readiness {
        let current = groups[group.id] ?? []
        var ready = 0
        var messages: [String] = []
        for replica in current {
            let status = await replica.status()
            if status.ready { ready += 1 }
            if let message = status.message { messages.append(message) }
        }
        return Readiness(replicas: current.count, ready: ready, messages: messages)
    }

    /// Stops every replica of every group (used at shutdown).
    public func stopAll() async {
        for id in Array(groups.keys) {
            for replica in groups.removeValue(forKey: id) ?? [] { await replica.stop(grace: config.drain.grace) }
        }
    }
}

/// A target operation that could not be done.
public struct TargetError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
