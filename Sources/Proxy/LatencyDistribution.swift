import Histogram

/// Latency percentiles of a set of requests, from the moment the proxy read a request's head to the moment it
/// wrote the last byte of the response.
public struct LatencySummary: Sendable, Hashable {
    /// Requests measured.
    public var count: Int
    /// Median.
    public var p50: Duration
    /// 90th percentile.
    public var p90: Duration
    /// 99th percentile.
    public var p99: Duration
    /// Slowest request.
    public var max: Duration

    /// Creates a summary from its values.
    public init(count: Int, p50: Duration, p90: Duration, p99: Duration, max: Duration) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }
}

/// A latency histogram (HdrHistogram, microsecond unit, 2 significant digits: every value is within 1% of the
/// latency it stands for), for percentiles and for statistical tests that compare two versions' distributions.
public struct LatencyDistribution: Sendable {
    /// One distinct recorded value and how many requests had it.
    public struct Bucket: Sendable, Hashable {
        /// The latency (the histogram's representative value of its bucket).
        public var latency: Duration
        /// How many requests fell in this bucket.
        public var count: Int
    }

    static let highestMicroseconds: UInt64 = 60_000_000

    var histogram: Histogram<UInt64>

    init() {
        histogram = Histogram(highestTrackableValue: Self.highestMicroseconds, numberOfSignificantValueDigits: .two)
    }

    init(_ histogram: Histogram<UInt64>) {
        self.histogram = histogram
    }

    /// Requests recorded.
    public var count: Int { Int(histogram.totalCount) }

    /// The latency at or below which `percentile` percent (0...100) of the requests fall; zero when empty.
    public func percentile(_ percentile: Double) -> Duration {
        count == 0 ? .zero : .microseconds(Int64(histogram.valueAtPercentile(percentile)))
    }

    /// The slowest request; zero when empty. Latencies above 60 s are recorded as 60 s.
    public var max: Duration { count == 0 ? .zero : .microseconds(Int64(histogram.max)) }

    /// The mean latency; zero when empty.
    public var mean: Duration { count == 0 ? .zero : .microseconds(histogram.mean) }

    /// The recorded values with their counts, fastest first.
    public var buckets: [Bucket] {
        histogram.recordedValues().map {
            Bucket(latency: .microseconds(Int64($0.value)), count: Int($0.count))
        }
    }

    /// One value per request (each bucket's value repeated `count` times), fastest first: the samples a rank test
    /// such as Mann-Whitney takes. Capped at `limit` values, taken evenly across the distribution.
    public func samples(limit: Int = 100_000) -> [Duration] {
        let total = count
        guard total > 0, limit > 0 else { return [] }
        let stride = Swift.max(1, (total + limit - 1) / limit)
        var result: [Duration] = []
        result.reserveCapacity(Swift.min(total, limit))
        var seen = 0
        for bucket in buckets {
            for _ in 0..<bucket.count {
                if seen % stride == 0 { result.append(bucket.latency) }
                seen += 1
            }
        }
        return result
    }

    /// p50, p90, p99 and max.
    public var summary: LatencySummary {
        LatencySummary(count: count, p50: percentile(50), p90: percentile(90), p99: percentile(99), max: max)
    }

    mutating func record(microseconds: UInt64) {
        _ = histogram.record(Swift.max(1, Swift.min(microseconds, Self.highestMicroseconds)))
    }

    mutating func add(_ other: LatencyDistribution) {
        histogram.add(other.histogram)
    }
}
