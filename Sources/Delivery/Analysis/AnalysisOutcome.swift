/// What `assess` concluded from an analysis run's measurements so far: the evidence behind every verdict.
public struct AnalysisOutcome: Sendable, Hashable, Codable {
    /// How many measurements ended in each phase.
    public struct Counts: Sendable, Hashable, Codable {
        /// Successful measurements.
        public var successful = 0
        /// Failed measurements.
        public var failed = 0
        /// Inconclusive measurements.
        public var inconclusive = 0
        /// Measurements the provider could not take.
        public var error = 0
        /// Measurements without a value.
        public var noData = 0
        /// Errors at the end of the run with no other phase after them.
        public var consecutiveErrors = 0

        /// Empty counts.
        public init() {}

        /// Measurements that had a value and were judged.
        public var withData: Int { successful + failed + inconclusive }
    }

    /// The template assessed.
    public var template: String
    /// The verdict; nil while the run needs more measurements.
    public var verdict: Verdict?
    /// Why, such as `failed (3) > failureLimit (2)` or `running: 3 of 10 measurements`.
    public var message: String
    /// The phase counts.
    public var counts: Counts
    /// Every measurement with its phase, condition and message filled in.
    public var measurements: [MetricMeasurement]

    /// An outcome with the given verdict.
    public init(template: String, verdict: Verdict?, message: String, counts: Counts, measurements: [MetricMeasurement])
    {
        self.template = template
        self.verdict = verdict
        self.message = message
        self.counts = counts
        self.measurements = measurements
    }

    /// Whether the run is over.
    public var isComplete: Bool { verdict != nil }
}
