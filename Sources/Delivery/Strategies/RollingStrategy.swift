/// A rolling update: new replicas replace old ones in batches of `maxSurge` (or `maxUnavailable` when surge is 0);
/// each batch waits for readiness and then for `analysis` to pass before the next begins.
public struct RollingStrategy: Sendable, Hashable, Codable {
    /// A replica count written as a number or a percentage of the service's replicas.
    public enum ReplicaCount: Sendable, Hashable, Codable, CustomStringConvertible {
        /// This many replicas.
        case count(Int)
        /// This percentage of the replicas.
        case percent(Int)

        /// The count for `total` replicas, rounding a percentage up (surge) or down (unavailable).
        public func resolve(total: Int, roundingUp: Bool) -> Int {
            switch self {
            case .count(let count): return count
            case .percent(let percent):
                let exact = total * percent
                return roundingUp ? (exact + 99) / 100 : exact / 100
            }
        }

        /// `3` or `25%`, as written.
        public var description: String {
            switch self {
            case .count(let count): "\(count)"
            case .percent(let percent): "\(percent)%"
            }
        }
    }

    /// Extra new replicas allowed above the service's count during the update (default 25%).
    public var maxSurge: ReplicaCount
    /// Old replicas that may be stopped before their replacements are ready (default 0).
    public var maxUnavailable: ReplicaCount
    /// Templates that gate each batch (error rate, latency).
    public var analysis: [String]
    /// How long after an abort the new replicas are stopped.
    public var abortScaleDownDelay: Duration
    /// How long a batch waits for analysis data before it pauses for a human.
    public var noDataTimeout: Duration

    /// A rolling update with the given limits.
    public init(
        maxSurge: ReplicaCount = .percent(25), maxUnavailable: ReplicaCount = .count(0), analysis: [String] = [],
        abortScaleDownDelay: Duration = .seconds(30), noDataTimeout: Duration = .seconds(300)
    ) {
        self.maxSurge = maxSurge
        self.maxUnavailable = maxUnavailable
        self.analysis = analysis
        self.abortScaleDownDelay = abortScaleDownDelay
        self.noDataTimeout = noDataTimeout
    }

    /// How many replicas each batch replaces for a service of `replicas` replicas: surge plus unavailable, at
    /// least 1 and at most all of them.
    public func batchSize(replicas: Int) -> Int {
        let surge = maxSurge.resolve(total: replicas, roundingUp: true)
        let unavailable = maxUnavailable.resolve(total: replicas, roundingUp: false)
        return max(1, min(replicas, surge + unavailable))
    }

    /// Whether a batch starts its new replicas before it stops old ones (any surge allowed).
    public func startsNewFirst(replicas: Int) -> Bool {
        maxSurge.resolve(total: replicas, roundingUp: true) > 0
    }
}
