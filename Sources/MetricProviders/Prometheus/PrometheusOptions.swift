/// Options of a Prometheus query.
public struct PrometheusOptions: Sendable, Hashable {
    /// The server's base URL (`http://127.0.0.1:9090`, a path prefix allowed); nil means the provider's default.
    public var address: String?
    /// Ask `/api/v1/query_range` over this range ending at the measurement time; nil asks an instant query at it.
    public var range: PrometheusRange?

    /// Options; instant query against the provider's default server unless told otherwise.
    public init(address: String? = nil, range: PrometheusRange? = nil) {
        self.address = address
        self.range = range
    }
}

/// A range query's span: from `at - duration` to `at`, one point every `step`.
public struct PrometheusRange: Sendable, Hashable {
    /// How far back from the measurement time the range starts.
    public var duration: Duration
    /// The resolution: the distance between two points.
    public var step: Duration

    /// A range of `duration` ending at the measurement time, sampled every `step`.
    public init(duration: Duration, step: Duration) {
        self.duration = duration
        self.step = step
    }
}
