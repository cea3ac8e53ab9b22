/// A `local` target: Gantry runs the replicas itself and routes traffic to them through its proxy.
public struct LocalTargetConfig: Sendable, Hashable, Codable {
    /// Restart policy for replicas that exit: wait `backoff`, doubling up to `maxBackoff`.
    public struct RestartPolicy: Sendable, Hashable, Codable {
        /// The first wait before a restart.
        public var backoff: Duration
        /// The longest wait between restarts.
        public var maxBackoff: Duration

        /// A policy with the given waits; the defaults are 1s doubling to 30s.
        public init(backoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(30)) {
            self.backoff = backoff
            self.maxBackoff = maxBackoff
        }
    }

    /// How replicas are stopped: SIGTERM, wait `grace`, then SIGKILL.
    public struct DrainPolicy: Sendable, Hashable, Codable {
        /// Time between SIGTERM and SIGKILL.
        public var grace: Duration

        /// A drain with the given grace period; the default is 30s.
        public init(grace: Duration = .seconds(30)) {
            self.grace = grace
        }
    }

    /// The program and its arguments, with `${VERSION}`, `${PORT}` and `${REPLICA}` filled in per replica.
    public var command: [String]
    /// The working directory (placeholders allowed); nil means the repository root.
    public var workingDirectory: String?
    /// Extra environment variables (placeholders allowed in values).
    public var environment: [String: String]
    /// How many replicas serve the service at 100%.
    public var replicas: Int
    /// The readiness check.
    public var readiness: ReadinessProbe
    /// What happens when a replica exits.
    public var restart: RestartPolicy
    /// How replicas are stopped.
    public var drain: DrainPolicy

    /// A local target running `command`.
    public init(
        command: [String], workingDirectory: String? = nil, environment: [String: String] = [:], replicas: Int = 1,
        readiness: ReadinessProbe = ReadinessProbe(), restart: RestartPolicy = RestartPolicy(),
        drain: DrainPolicy = DrainPolicy()
    ) {
        self.command = command
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.replicas = replicas
        self.readiness = readiness
        self.restart = restart
        self.drain = drain
    }
}
