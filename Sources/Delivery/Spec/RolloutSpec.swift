/// A service's delivery configuration, from `.gantry/services/<name>.yml`: what runs where, how new versions
/// roll out, how they are analysed and when deploys are allowed.
public struct RolloutSpec: Sendable, Hashable, Codable {
    /// The service name (lower-case letters, digits and `-`).
    public var service: String
    /// The environment, such as `production`.
    public var environment: String
    /// Where the replicas run.
    public var target: TargetConfig
    /// How a new version replaces the stable one.
    public var strategy: RolloutStrategy
    /// Analysis templates by name.
    public var analysis: [String: AnalysisTemplate]
    /// When deploys may start.
    public var policy: DeployPolicy
    /// Where the service's traffic-splitting proxy listens (`host:port`), for local targets.
    public var listen: String?
    /// Where the proxy serves its Prometheus metrics (`host:port`), if anywhere.
    public var admin: String?
    /// Where a second proxy sends every request to the new version while it is not yet live (the blue-green
    /// preview, or a canary before its first weight), for smoke tests; local targets only.
    public var preview: String?
    /// Header and cookie rules and stickiness for the proxy of a local target.
    public var routing = ServiceRouting()

    /// A spec with the given parts.
    public init(
        service: String, environment: String, target: TargetConfig, strategy: RolloutStrategy,
        analysis: [String: AnalysisTemplate] = [:], policy: DeployPolicy = DeployPolicy()
    ) {
        self.service = service
        self.environment = environment
        self.target = target
        self.strategy = strategy
        self.analysis = analysis
        self.policy = policy
    }

    /// How many replicas serve the service at 100%.
    public var replicas: Int { target.replicas }
}
