import Delivery

/// Small specs for state machine tests, built in code so each test shows the part that matters.
enum Specs {
    static let builtinErrorRate = AnalysisTemplate(
        name: "error-rate", provider: .builtin(.errorRate), interval: .seconds(1), count: 30,
        judge: .errorRate(ErrorRateJudge()))

    static func local(replicas: Int = 4) -> TargetConfig {
        .local(LocalTargetConfig(command: ["./releases/${VERSION}/server", "--port", "${PORT}"], replicas: replicas))
    }

    static func spec(
        _ strategy: RolloutStrategy, replicas: Int = 4, templates: [String] = ["error-rate", "latency", "smoke"]
    )
        -> RolloutSpec
    {
        var analysis: [String: AnalysisTemplate] = [:]
        for name in templates {
            var template = builtinErrorRate
            template.name = name
            analysis[name] = template
        }
        return RolloutSpec(
            service: "web", environment: "production", target: local(replicas: replicas), strategy: strategy,
            analysis: analysis)
    }

    static func canary(
        _ steps: [CanaryStrategy.Step], baseline: Bool = true, background: CanaryStrategy.BackgroundAnalysis? = nil
    )
        -> RolloutSpec
    {
        spec(.canary(CanaryStrategy(steps: steps, baseline: baseline, backgroundAnalysis: background)))
    }

    static func outcome(_ verdict: Verdict, template: String = "error-rate", message: String? = nil) -> AnalysisOutcome
    {
        AnalysisOutcome(
            template: template, verdict: verdict, message: message ?? "\(verdict)", counts: AnalysisOutcome.Counts(),
            measurements: [])
    }
}

extension Weight {
    /// `10%` in tests.
    static func percent(_ value: Double) -> Weight { Weight(percent: value) }
}
