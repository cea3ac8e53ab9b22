/// A `script` target: the user's own commands deploy, route, promote, roll back and check health.
///
/// Each hook is an argument vector, or a string run with `/bin/sh -c`. Placeholders: `${VERSION}`, `${ROLE}`,
/// `${GROUP}`, `${REPLICAS}`, `${WEIGHT}`, `${SERVICE}`, `${ENVIRONMENT}`. A hook succeeds when it exits 0.
public struct ScriptTargetConfig: Sendable, Hashable, Codable {
    /// One hook command.
    public enum Hook: Sendable, Hashable, Codable {
        /// Run directly, without a shell.
        case arguments([String])
        /// Run with `/bin/sh -c`.
        case shell(String)
    }

    /// The hook names a spec may use, as written in YAML.
    public static let hookNames = ["deploy", "setWeight", "scale", "promote", "rollback", "stop", "health"]

    /// Starts `${REPLICAS}` replicas of `${VERSION}` as `${ROLE}` (required).
    public var deploy: Hook
    /// Routes `${WEIGHT}` percent of traffic to `${ROLE}` (required: script targets route themselves).
    public var setWeight: Hook
    /// Changes the number of replicas of `${ROLE}`; nil means `deploy` is run again with the new count.
    public var scale: Hook?
    /// Makes `${VERSION}` the stable version after a successful rollout.
    public var promote: Hook?
    /// Returns to the stable version after an abort.
    public var rollback: Hook?
    /// Stops the replicas of `${ROLE}`.
    public var stop: Hook?
    /// Exits 0 when the replicas of `${ROLE}` are ready.
    public var health: Hook?
    /// The working directory for every hook; nil means the repository root.
    public var workingDirectory: String?
    /// Extra environment variables for every hook.
    public var environment: [String: String]
    /// How long one hook may run before it is killed and counts as failed.
    public var timeout: Duration
    /// How many replicas serve the service at 100%.
    public var replicas: Int

    /// A script target with the given hooks.
    public init(
        deploy: Hook, setWeight: Hook, scale: Hook? = nil, promote: Hook? = nil, rollback: Hook? = nil,
        stop: Hook? = nil, health: Hook? = nil, workingDirectory: String? = nil,
        environment: [String: String] = [:], timeout: Duration = .seconds(300), replicas: Int = 1
    ) {
        self.deploy = deploy
        self.setWeight = setWeight
        self.scale = scale
        self.promote = promote
        self.rollback = rollback
        self.stop = stop
        self.health = health
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.replicas = replicas
    }
}
