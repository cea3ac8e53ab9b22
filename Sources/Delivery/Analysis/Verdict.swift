/// The outcome of an analysis: what a rollout does next depends only on this.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Enough measurements, none beyond a limit: go on.
    case pass
    /// A failure limit was exceeded: abort the rollout.
    case fail
    /// The measurements neither pass nor fail: pause for a human.
    case inconclusive
    /// No data, or too few samples: wait (up to the strategy's `noDataTimeout`), then pause. Never fails.
    case noData
}

/// How one measurement was judged.
public enum MeasurementPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// The success condition held (or the failure condition did not).
    case successful
    /// The failure condition held (or the success condition did not).
    case failed
    /// Both conditions were set and neither held.
    case inconclusive
    /// The provider could not measure (timeout, HTTP error, bad output).
    case error
    /// The provider answered but had no value (no requests in the window, an empty Prometheus vector).
    case noData
}
