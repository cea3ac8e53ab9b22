/// How a new version replaces the stable one: the spec's `strategy:`.
public enum RolloutStrategy: Sendable, Hashable, Codable {
    /// Shift traffic in steps, with pauses and analysis, beside a baseline of the stable version.
    case canary(CanaryStrategy)
    /// Start the new version beside the old, test it at a preview address, switch all traffic at once.
    case blueGreen(BlueGreenStrategy)
    /// Replace replicas in batches, gated by readiness and analysis.
    case rolling(RollingStrategy)

    /// The YAML keys of the strategies.
    public static let kinds = ["canary", "blueGreen", "rolling"]

    /// The strategy's YAML key.
    public var kind: String {
        switch self {
        case .canary: "canary"
        case .blueGreen: "blueGreen"
        case .rolling: "rolling"
        }
    }

    /// How long after an abort the new version's replicas are stopped (kept meanwhile for debugging).
    public var abortScaleDownDelay: Duration {
        switch self {
        case .canary(let canary): canary.abortScaleDownDelay
        case .blueGreen(let blueGreen): blueGreen.abortScaleDownDelay
        case .rolling(let rolling): rolling.abortScaleDownDelay
        }
    }

    /// How long the previous version stays warm after a promotion, so `undo` is instant.
    public var scaleDownDelay: Duration {
        switch self {
        case .canary(let canary): canary.scaleDownDelay
        case .blueGreen(let blueGreen): blueGreen.scaleDownDelay
        case .rolling: .zero
        }
    }

    /// How long a step waits for analysis with no data (or too few samples) before it pauses for a human.
    public var noDataTimeout: Duration {
        switch self {
        case .canary(let canary): canary.noDataTimeout
        case .blueGreen(let blueGreen): blueGreen.noDataTimeout
        case .rolling(let rolling): rolling.noDataTimeout
        }
    }

    /// Every analysis template name the strategy refers to.
    public var templateNames: [String] {
        switch self {
        case .canary(let canary):
            canary.steps.flatMap { step -> [String] in
                if case .analysis(let names) = step { return names }
                return []
            } + (canary.backgroundAnalysis?.templates ?? [])
        case .blueGreen(let blueGreen): blueGreen.prePromotionAnalysis + blueGreen.postPromotionAnalysis
        case .rolling(let rolling): rolling.analysis
        }
    }
}
