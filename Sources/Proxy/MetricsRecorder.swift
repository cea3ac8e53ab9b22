import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Per-version request counts and latencies: since start (for Prometheus) and per second over a window (for
/// ``TrafficProxy/metrics()`` and latency queries).
///
/// Split into one shard per I/O thread, each behind its own lock, so recording never contends with the other
/// threads; readers lock each shard in turn and merge.
final class MetricsRecorder: Sendable {
    /// Upper bounds of the Prometheus histogram buckets, in seconds.
    static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ]
    static let bucketBoundsNanoseconds: [UInt64] = bucketBounds.map { UInt64($0 * 1e9) }

    struct Second: Sendable {
        var second: Int64 = .min
        var counts = StatusCounts()
        var latency: LatencyDistribution?
    }

    struct Series: Sendable {
        var total = StatusCounts()
        /// Requests per Prometheus bucket (not cumulative); the last entry counts those above every bound.
        var buckets = [UInt64](repeating: 0, count: MetricsRecorder.bucketBounds.count + 1)
        var sumNanoseconds: UInt64 = 0
        var ring: [Second]

        init(window: Int) { ring = Array(repeating: Second(), count: window) }
    }

    let groups: [String]
    let window: Int
    private let shards: [NIOLockedValueBox<[Series]>]

    init(groups: [String], window: Int, shards: Int) {
        self.groups = groups
        self.window = window
        self.shards = (0..<shards).map { _ in
            NIOLockedValueBox(groups.map { _ in Series(window: window) })
        }
    }

    /// Records one finished request of group `group` on shard `shard`, finished during Unix second `second`.
    func record(shard: Int, group: Int, status: StatusClass, nanoseconds: UInt64, second: Int64) {
        let slot = Int(UInt64(bitPattern: second) % UInt64(window))
        var bucket = 0
        let bounds = Self.bucketBoundsNanoseconds
        while bucket < bounds.count && nanoseconds > bounds[bucket] { bucket += 1 }
        shards[shard].withLockedValue { series in
            series[group].total[status] += 1
            series[group].buckets[bucket] += 1
            series[group].sumNanoseconds &+= nanoseconds
            if series[group].ring[slot].second != second {
                series[group].ring[slot].second = second
                series[group].ring[slot].counts = StatusCounts()
                series[group].ring[slot].latency?.histogram.reset()
            }
            series[group].ring[slot].counts[status] += 1
            if series[group].ring[slot].latency == nil { series[group].ring[slot].latency = LatencyDistribution() }
            series[group].ring[slot].latency!.record(microseconds: nanoseconds / 1000)
        }
    }

    /// Since-start totals of every group, merged over the shards.
    func totals() -> [Series] {
        var merged = groups.map { _ in Series(window: 0) }
        for shard in shards {
            shard.withLockedValue { series in
                for group in series.indices {
                    merged[group].total = merged[group].total + series[group].total
                    merged[group].sumNanoseconds &+= series[group].sumNanoseconds
                    for bucket in series[group].buckets.indices {
                        merged[group].buckets[bucket] += series[group].buckets[bucket]
                    }
                }
            }
        }
        return merged
    }

    /// The seconds `from...through` of one group, merged over the shards, oldest first (zero where idle).
    func seconds(group: Int, from: Int64, through: Int64) -> [Second] {
        let first = max(from, through - Int64(window) + 1)
        guard first <= through else { return [] }
        var result = (first...through).map { Second(second: $0) }
        for shard in shards {
            shard.withLockedValue { series in
                for index in result.indices {
                    let stored = series[group].ring[Int(UInt64(bitPattern: result[index].second) % UInt64(window))]
                    guard stored.second == result[index].second else { continue }
                    result[index].counts = result[index].counts + stored.counts
                    if let latency = stored.latency {
                        if result[index].latency == nil { result[index].latency = LatencyDistribution() }
                        result[index].latency!.add(latency)
                    }
                }
            }
        }
        return result
    }
}

/// Wall-clock time in whole seconds, for the per-second metric buckets.
enum UnixTime {
    static func nowSeconds() -> Int64 {
        Int64(time(nil))
    }
}
