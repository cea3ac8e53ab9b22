/// A named analysis: what to measure, how often, and how to judge it. Specs define them under `analysis:`.
///
/// The controller measures after `initialDelay`, then every `interval`, calling `assess` after each measurement
/// and stopping at the first outcome with a verdict; `count` nil measures until the analysis is stopped
/// (background analysis), so such a run only ever ends in `fail` or `inconclusive`.
public struct AnalysisTemplate: Sendable, Hashable, Codable {
    /// The template's name, as steps refer to it.
    public var name: String
    /// Where measurements come from.
    public var provider: MetricProviderConfig
    /// Time between measurements (and the window length of the builtin provider).
    public var interval: Duration
    /// How many measurements make a complete run; nil runs until stopped.
    public var count: Int?
    /// Time before the first measurement.
    public var initialDelay: Duration
    /// A measurement is successful when this holds.
    public var successCondition: AnalysisCondition?
    /// A measurement is failed when this holds.
    public var failureCondition: AnalysisCondition?
    /// A statistical comparison with the baseline; each measurement is judged on the traffic so far.
    public var judge: AnalysisJudge?
    /// Failed measurements tolerated; one more fails the analysis.
    public var failureLimit: Int
    /// Inconclusive measurements tolerated; one more makes the analysis inconclusive.
    public var inconclusiveLimit: Int
    /// Consecutive provider errors tolerated; one more makes the analysis inconclusive.
    public var consecutiveErrorLimit: Int
    /// Measurements with data needed for a pass; fewer gives `noData`.
    public var minSamples: Int

    /// A template with Argo's defaults: no failure or inconclusive tolerated, four consecutive errors.
    public init(
        name: String, provider: MetricProviderConfig, interval: Duration = .seconds(60), count: Int? = nil,
        initialDelay: Duration = .zero, successCondition: AnalysisCondition? = nil,
        failureCondition: AnalysisCondition? = nil, judge: AnalysisJudge? = nil, failureLimit: Int = 0,
        inconclusiveLimit: Int = 0, consecutiveErrorLimit: Int = 4, minSamples: Int = 1
    ) {
        self.name = name
        self.provider = provider
        self.interval = interval
        self.count = count
        self.initialDelay = initialDelay
        self.successCondition = successCondition
        self.failureCondition = failureCondition
        self.judge = judge
        self.failureLimit = failureLimit
        self.inconclusiveLimit = inconclusiveLimit
        self.consecutiveErrorLimit = consecutiveErrorLimit
        self.minSamples = minSamples
    }
}
