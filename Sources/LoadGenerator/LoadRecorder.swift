import Foundation

/// Counts and latencies of a load run, overall and per second; shared by the request tasks.
final class LoadRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight = 0
    private var seconds: [Int: Bucket] = [:]

    struct Bucket {
        var statuses: [Int: Int] = [:]
        var failures = 0
        var dropped = 0
        var latencies: [Double] = []
    }

    func begin(limit: Int) -> Bool {
        lock.withLock {
            guard inFlight < limit else { return false }
            inFlight += 1
            return true
        }
    }

    func end() {
        lock.withLock { inFlight -= 1 }
    }

    func record(second: Int, status: Int?, latency: Duration, dropped: Bool) {
        let milliseconds = Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15
        lock.withLock {
            var bucket = seconds[second] ?? Bucket()
            if dropped {
                bucket.dropped += 1
            } else if let status {
                bucket.statuses[status / 100, default: 0] += 1
                bucket.latencies.append(milliseconds)
            } else {
                bucket.failures += 1
            }
            seconds[second] = bucket
        }
    }

    /// The figures for one second, or for the whole run when `second` is nil.
    func summary(second: Int?) -> LoadSummary {
        let buckets = lock.withLock { second.map { seconds[$0].map { [$0] } ?? [] } ?? Array(seconds.values) }
        var summary = LoadSummary()
        var latencies: [Double] = []
        for bucket in buckets {
            for (statusClass, count) in bucket.statuses { summary.statusClasses[statusClass, default: 0] += count }
            summary.connectionErrors += bucket.failures
            summary.dropped += bucket.dropped
            latencies += bucket.latencies
        }
        latencies.sort()
        func quantile(_ q: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))]
        }
        summary.second = second
        summary.p50 = quantile(0.5)
        summary.p99 = quantile(0.99)
        summary.max = latencies.last ?? 0
        return summary
    }
}

/// What a load run (or one second of it) saw.
public struct LoadSummary: Sendable, Codable {
    /// Responses by status class: 2 for 2xx, 5 for 5xx.
    public var statusClasses: [Int: Int] = [:]
    /// Requests that got no HTTP response (refused, reset, timed out).
    public var connectionErrors = 0
    /// Requests not sent because `concurrency` were already in flight.
    public var dropped = 0
    public var p50 = 0.0
    public var p99 = 0.0
    public var max = 0.0
    public var second: Int?
    public var elapsed: Duration = .zero

    public var responses: Int { statusClasses.values.reduce(0, +) }
    public var failed: Int { (statusClasses[5] ?? 0) + connectionErrors }

    enum CodingKeys: String, CodingKey {
        case statusClasses = "status_classes", connectionErrors = "connection_errors", dropped, p50 = "p50_ms",
            p99 = "p99_ms", max = "max_ms", second
    }

    /// `200 requests: 2xx 180, 5xx 20, errors 0, dropped 0; p50 1.2 ms, p99 4.0 ms, max 9.1 ms`.
    public var line: String {
        let classes = statusClasses.keys.sorted().map { "\($0)xx \(statusClasses[$0]!)" }.joined(separator: ", ")
        return "\(responses + connectionErrors) requests: \(classes.isEmpty ? "no responses" : classes), errors \(connectionErrors), "
            + "dropped \(dropped); p50 \(String(format: "%.1f", p50)) ms, p99 \(String(format: "%.1f", p99)) ms, max \(String(format: "%.1f", max)) ms"
    }
}
