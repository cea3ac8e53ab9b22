import Foundation

/// What the proxy measured, per version: totals since start and one bucket per second over the recent window.
///
/// A request is counted in the second in which its response finished. Taken by ``TrafficProxy/metrics()``; a value,
/// so it can be kept and compared with a later snapshot.
public struct MetricsSnapshot: Sendable {
    /// When the snapshot was taken.
    public var time: Date
    /// One entry per backend group, in configuration order.
    public var versions: [VersionMetrics]

    /// Creates a snapshot from its parts.
    public init(time: Date, versions: [VersionMetrics]) {
        self.time = time
        self.versions = versions
    }

    /// The metrics of the group called `version`, if there is one.
    public subscript(version: String) -> VersionMetrics? {
        versions.first { $0.version == version }
    }
}

/// One version's metrics.
public struct VersionMetrics: Sendable {
    /// The backend group's name.
    public var version: String
    /// Its weight when the snapshot was taken, in permille.
    public var weightPermille: Int
    /// Its ready replicas when the snapshot was taken.
    public var readyReplicas: Int
    /// Counts since the proxy started.
    public var total: StatusCounts
    /// One entry per second of the window, oldest first, ending with the current (unfinished) second; seconds
    /// without requests are there with zero counts. Starts no earlier than the proxy did.
    public var seconds: [SecondMetrics]

    /// Creates a version's metrics from their parts.
    public init(version: String, weightPermille: Int, readyReplicas: Int, total: StatusCounts, seconds: [SecondMetrics])
    {
        self.version = version
        self.weightPermille = weightPermille
        self.readyReplicas = readyReplicas
        self.total = total
        self.seconds = seconds
    }

    /// Counts over the seconds that start at or after `date` rounded down to its second.
    public func counts(since date: Date) -> StatusCounts {
        let first = date.timeIntervalSince1970.rounded(.down)
        return seconds.filter { $0.start.timeIntervalSince1970 >= first }.reduce(StatusCounts()) { $0 + $1.counts }
    }
}

/// One second of one version.
public struct SecondMetrics: Sendable {
    /// The start of the second.
    public var start: Date
    /// Requests that finished during this second, by class.
    public var counts: StatusCounts
    /// Their latencies.
    public var latency: LatencySummary

    /// Creates a second's metrics from their parts.
    public init(start: Date, counts: StatusCounts, latency: LatencySummary) {
        self.start = start
        self.counts = counts
        self.latency = latency
    }
}
