/// A canary rollout: `steps` run in order; after the last one the canary is promoted to 100%.
public struct CanaryStrategy: Sendable, Hashable, Codable {
    /// One step of a canary.
    public enum Step: Sendable, Hashable, Codable {
        /// Route this share of traffic to the canary (and as much to the baseline).
        case setWeight(Weight)
        /// Wait this long; nil waits until `gantry deploy promote`.
        case pause(Duration?)
        /// Run these analysis templates against the canary; every one must pass before the next step.
        case analysis([String])
    }

    /// Analysis that runs from `startingStep` until promotion; a failure at any time aborts.
    public struct BackgroundAnalysis: Sendable, Hashable, Codable {
        /// Template names.
        public var templates: [String]
        /// The 0-based index of the step at which it starts.
        public var startingStep: Int

        /// Background analysis of `templates` from `startingStep`.
        public init(templates: [String], startingStep: Int = 0) {
            self.templates = templates
            self.startingStep = startingStep
        }
    }

    /// The steps, in order.
    public var steps: [Step]
    /// Whether a baseline of the stable version runs beside the canary at the same weight (the default).
    public var baseline: Bool
    /// Analysis that runs in the background.
    public var backgroundAnalysis: BackgroundAnalysis?
    /// How long after an abort the canary is stopped.
    public var abortScaleDownDelay: Duration
    /// How long the previous stable version stays warm after promotion.
    public var scaleDownDelay: Duration
    /// How long an analysis step waits for data before it pauses for a human.
    public var noDataTimeout: Duration

    /// A canary with the given steps.
    public init(
        steps: [Step], baseline: Bool = true, backgroundAnalysis: BackgroundAnalysis? = nil,
        abortScaleDownDelay: Duration = .seconds(30), scaleDownDelay: Duration = .seconds(30),
        noDataTimeout: Duration = .seconds(300)
    ) {
        self.steps = steps
        self.baseline = baseline
        self.backgroundAnalysis = backgroundAnalysis
        self.abortScaleDownDelay = abortScaleDownDelay
        self.scaleDownDelay = scaleDownDelay
        self.noDataTimeout = noDataTimeout
    }
}

extension CanaryStrategy.Step: CustomStringConvertible {
    /// `setWeight 10%`, `pause 5m`, `pause until promoted`, `analysis error-rate, latency`.
    public var description: String {
        switch self {
        case .setWeight(let weight): "setWeight \(weight)"
        case .pause(let duration?): "pause \(DurationFormat.format(duration))"
        case .pause(nil): "pause until promoted"
        case .analysis(let templates): "analysis \(templates.joined(separator: ", "))"
        }
    }
}
