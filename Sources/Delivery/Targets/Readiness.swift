/// Where one replica listens.
public struct ReplicaEndpoint: Sendable, Hashable, Codable {
    /// The host, usually `127.0.0.1`.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// An endpoint at `host:port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// A snapshot of one group's replicas.
public struct Readiness: Sendable, Hashable, Codable {
    /// Replicas that exist (starting, running or restarting).
    public var replicas: Int
    /// Replicas whose readiness check passes.
    public var ready: Int
    /// Why replicas are not ready, such as `replica 2 exited with status 1 (restart 3 in 4s)`.
    public var messages: [String]

    /// A snapshot with the given counts.
    public init(replicas: Int, ready: Int, messages: [String] = []) {
        self.replicas = replicas
        self.ready = ready
        self.messages = messages
    }

    /// Every replica is ready (and there is at least one).
    public var isReady: Bool { replicas > 0 && ready == replicas }
}
