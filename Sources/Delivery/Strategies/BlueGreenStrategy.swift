/// A blue-green rollout: the new version starts in full beside the stable one, reachable at the preview address;
/// pre-promotion analysis runs against it; traffic switches at once; post-promotion analysis runs with the
/// previous version still warm, so a failure switches back instantly.
public struct BlueGreenStrategy: Sendable, Hashable, Codable {
    /// The longest `scaleDownDelay` a spec may ask for.
    public static let maximumScaleDownDelay: Duration = .seconds(24 * 3600)

    /// Templates that must pass against the preview before the switch.
    public var prePromotionAnalysis: [String]
    /// Templates that must pass after the switch before the rollout succeeds.
    public var postPromotionAnalysis: [String]
    /// Whether the switch happens without `gantry deploy promote` once pre-promotion analysis passes.
    public var autoPromote: Bool
    /// How long the previous version stays warm after a successful rollout (default 15m, at most 24h).
    public var scaleDownDelay: Duration
    /// How long after an abort the new version is stopped.
    public var abortScaleDownDelay: Duration
    /// How long an analysis waits for data before it pauses for a human.
    public var noDataTimeout: Duration

    /// A blue-green strategy with the given analysis.
    public init(
        prePromotionAnalysis: [String] = [], postPromotionAnalysis: [String] = [], autoPromote: Bool = true,
        scaleDownDelay: Duration = .seconds(900), abortScaleDownDelay: Duration = .seconds(30),
        noDataTimeout: Duration = .seconds(300)
    ) {
        self.prePromotionAnalysis = prePromotionAnalysis
        self.postPromotionAnalysis = postPromotionAnalysis
        self.autoPromote = autoPromote
        self.scaleDownDelay = scaleDownDelay
        self.abortScaleDownDelay = abortScaleDownDelay
        self.noDataTimeout = noDataTimeout
    }
}
