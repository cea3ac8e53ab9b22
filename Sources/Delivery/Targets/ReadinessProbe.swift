/// How a replica shows it is ready: an HTTP GET on `path` must answer 2xx `failureThreshold` times in a row
/// without failing; after it is ready, that many consecutive failures make it unready again.
public struct ReadinessProbe: Sendable, Hashable, Codable {
    /// The request path, starting with `/`.
    public var path: String
    /// Time between probes.
    public var interval: Duration
    /// How long one probe may take.
    public var timeout: Duration
    /// Consecutive failures that mark a ready replica unready.
    public var failureThreshold: Int
    /// How long a new replica may take to become ready before the deploy fails.
    public var startTimeout: Duration

    /// A probe with the given settings; the defaults probe `/` every second.
    public init(
        path: String = "/", interval: Duration = .seconds(1), timeout: Duration = .seconds(1),
        failureThreshold: Int = 3, startTimeout: Duration = .seconds(60)
    ) {
        self.path = path
        self.interval = interval
        self.timeout = timeout
        self.failureThreshold = failureThreshold
        self.startTimeout = startTimeout
    }
}
