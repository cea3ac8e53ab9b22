/// Everything a ``TrafficProxy`` needs to start: where to listen, the versions and their replicas, how to split.
///
/// Validated by ``TrafficProxy/init(configuration:)``; weights and replicas change later through
/// ``TrafficProxy/setWeights(_:)`` and ``TrafficProxy/setBackends(group:addresses:)``, the other fields are fixed.
public struct ProxyConfiguration: Sendable {
    /// The address clients connect to (the service's address). Port 0 picks a free port; `start()` returns it.
    public var listen: Endpoint
    /// Where `/metrics` (Prometheus text) and `/healthz` are served; `nil` serves no admin endpoint.
    public var admin: Endpoint?
    /// The versions, in the order metrics list them. Names must be unique; the set of groups is fixed.
    public var backends: [BackendGroup]
    /// Share of requests per group name, in permille (0...1000). Groups left out share what the others leave,
    /// evenly; if every group is given, the values must add up to 1000. Empty means the first group gets 1000.
    public var weights: [String: Int]
    /// Header and cookie rules, checked in order before stickiness and weights.
    public var routes: [Route]
    /// The name of the cookie that keeps a client on the version it was first assigned (for example
    /// `gantry-version`), while that version's weight is above 0; `nil` disables stickiness.
    public var stickyCookie: String?
    /// How long to wait for a TCP connection to a replica before answering 502 to the client.
    public var connectTimeout: Duration
    /// How long a replica may take to finish its response before the proxy answers 504 (or cuts the response).
    public var responseTimeout: Duration
    /// The most idle keep-alive connections kept per replica and per I/O thread; more are closed when released.
    public var maxIdleConnectionsPerReplica: Int
    /// I/O threads; `nil` uses one per CPU core.
    public var threads: Int?
    /// How many one-second buckets ``TrafficProxy/metrics()`` keeps per version.
    public var metricsWindowSeconds: Int
    /// How long ``TrafficProxy/shutdown()`` waits for in-flight requests before it closes their connections.
    public var shutdownGracePeriod: Duration

    /// Creates a configuration; the tuning fields take their defaults and can be set afterwards.
    public init(
        listen: Endpoint,
        backends: [BackendGroup],
        weights: [String: Int] = [:],
        routes: [Route] = [],
        stickyCookie: String? = nil,
        admin: Endpoint? = nil
    ) {
        self.listen = listen
        self.admin = admin
        self.backends = backends
        self.weights = weights
        self.routes = routes
        self.stickyCookie = stickyCookie
        self.connectTimeout = .seconds(2)
        self.responseTimeout = .seconds(60)
        self.maxIdleConnectionsPerReplica = 64
        self.threads = nil
        self.metricsWindowSeconds = 300
        self.shutdownGracePeriod = .seconds(30)
    }
}
