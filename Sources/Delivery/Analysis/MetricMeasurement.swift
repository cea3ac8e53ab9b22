import Foundation

/// One measurement by a metric provider, and once assessed, how it was judged.
///
/// Providers fill `value` (and `baseline`, `stable` where they can measure those roles), `raw`, `query`, `at`,
/// and either `error` or nothing; `assess` fills `phase`, `condition` and `message`. Stored as-is, it explains
/// and replays every verdict.
public struct MetricMeasurement: Sendable, Hashable, Codable {
    /// The measured value for the role under analysis (`result` in conditions); nil when there was no data.
    public var value: Double?
    /// The same query for the baseline replicas (`baseline` in conditions).
    public var baseline: Double?
    /// The same query for the stable replicas (`stable` in conditions).
    public var stable: Double?
    /// Per-request counts and latencies in the window, for the statistical judges (builtin provider).
    public var traffic: TrafficSample?
    /// The provider's answer as received (a JSON body, a command's output), trimmed to a sensible size.
    public var raw: String
    /// The query as sent, placeholders filled in.
    public var query: String
    /// When the measurement was taken.
    public var at: Date
    /// Why the provider could not measure; sets the phase to `.error`.
    public var error: String?
    /// How `assess` judged it; nil before.
    public var phase: MeasurementPhase?
    /// The condition or judge that decided the phase, such as `result < 0.05`.
    public var condition: String?
    /// Why, such as `result < 0.05 is false (result = 0.12)`.
    public var message: String?

    /// A measurement as a provider returns it.
    public init(
        value: Double?, baseline: Double? = nil, stable: Double? = nil, traffic: TrafficSample? = nil,
        raw: String = "", query: String = "", at: Date, error: String? = nil
    ) {
        self.value = value
        self.baseline = baseline
        self.stable = stable
        self.traffic = traffic
        self.raw = raw
        self.query = query
        self.at = at
        self.error = error
    }
}
