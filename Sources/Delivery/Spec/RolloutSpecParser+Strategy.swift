import Diagnostics
import Workflows

extension RolloutSpecParser {
    static let canaryKeys = [
        "steps", "baseline", "backgroundAnalysis", "abortScaleDownDelay", "scaleDownDelay", "noDataTimeout",
    ]
    static let stepKinds = ["setWeight", "pause", "analysis"]
    static let blueGreenKeys = [
        "prePromotionAnalysis", "postPromotionAnalysis", "autoPromote", "scaleDownDelay", "abortScaleDownDelay",
        "noDataTimeout",
    ]
    static let rollingKeys = ["maxSurge", "maxUnavailable", "analysis", "abortScaleDownDelay", "noDataTimeout"]

    static func parseStrategy(
        _ entry: YAMLEntry, target: TargetConfig?, targetKind: YAMLEntry?, context: inout SpecParseContext
    ) -> RolloutStrategy? {
        switch entry.key.text {
        case "canary":
            if let target, !target.supportsPartialWeights {
                context.error(
                    entry.key.location,
                    "a canary needs partial traffic weights, but a Kubernetes Service selector can only switch all "
                        + "traffic; use \"istio\" or the \"blueGreen\" strategy",
                    rule: "strategy",
                    notes: [.init(location: targetKind?.key.location, message: "the target is defined here")])
            }
            return parseCanary(entry.value, context: &context).map(RolloutStrategy.canary)
        case "blueGreen": return parseBlueGreen(entry.value, context: &context).map(RolloutStrategy.blueGreen)
        default:
            if let target, !target.supportsPartialWeights {
                context.error(
                    entry.key.location,
                    "a rolling update shifts traffic batch by batch, but a Kubernetes Service selector can only "
                        + "switch all traffic; use \"istio\" or \"blueGreen\"",
                    rule: "strategy",
                    notes: [.init(location: targetKind?.key.location, message: "the target is defined here")])
            }
            return parseRolling(entry.value, context: &context).map(RolloutStrategy.rolling)
        }
    }

    static func parseCanary(_ value: YAMLValue, context: inout SpecParseContext) -> CanaryStrategy? {
        guard context.mapping(value, "\"canary\"", allowed: canaryKeys) != nil else { return nil }
        var steps: [CanaryStrategy.Step] = []
        if let stepsValue = context.required(value, "steps", in: "\"canary\"") {
            if let items = stepsValue.items {
                steps = parseSteps(items, context: &context)
            } else {
                context.error(
                    stepsValue.location, "\"steps\" must be a sequence, but it is \(stepsValue.kindDescription)")
            }
        }
        var canary = CanaryStrategy(steps: steps)
        if let baseline = value["baseline"] { canary.baseline = context.boolean(baseline, "\"baseline\"") ?? true }
        if let background = value["backgroundAnalysis"],
            context.mapping(background, "\"backgroundAnalysis\"", allowed: ["templates", "startingStep"]) != nil
        {
            let templates =
                context.required(background, "templates", in: "\"backgroundAnalysis\"").map {
                    parseTemplateReferences($0, "\"templates\"", context: &context)
                } ?? []
            var startingStep = 0
            if let start = background["startingStep"] {
                startingStep = context.integer(start, "\"startingStep\"", in: 0...max(0, steps.count - 1)) ?? 0
            }
            canary.backgroundAnalysis = CanaryStrategy.BackgroundAnalysis(
                templates: templates, startingStep: startingStep)
        }
        parseDelays(
            value, abort: &canary.abortScaleDownDelay, scaleDown: &canary.scaleDownDelay, noData: &canary.noDataTimeout,
            context: &context)
        return canary
    }

    static func parseSteps(_ items: [YAMLValue], context: inout SpecParseContext) -> [CanaryStrategy.Step] {
        var steps: [CanaryStrategy.Step] = []
        var weighted = false
        for item in items {
            guard let entry = context.oneOf(item, stepKinds, in: "a canary step") else { continue }
            switch entry.key.text {
            case "setWeight":
                if let weight = context.weight(entry.value, "\"setWeight\"") {
                    steps.append(.setWeight(weight))
                    weighted = weighted || weight > .zero
                }
            case "pause":
                if entry.value.isNull {
                    steps.append(.pause(nil))
                } else if context.mapping(entry.value, "\"pause\"", allowed: ["duration"]) != nil {
                    steps.append(
                        .pause(
                            entry.value["duration"].flatMap {
                                context.duration($0, "\"duration\"", minimum: .seconds(1))
                            }))
                }
            default:
                guard context.mapping(entry.value, "\"analysis\"", allowed: ["templates"]) != nil,
                    let templates = context.required(entry.value, "templates", in: "\"analysis\"")
                else { continue }
                if !weighted {
                    context.warning(
                        entry.key.location,
                        "this analysis runs before any \"setWeight\", so the canary has no traffic to measure",
                        rule: "strategy")
                }
                steps.append(.analysis(parseTemplateReferences(templates, "\"templates\"", context: &context)))
            }
        }
        return steps
    }

    static func parseBlueGreen(_ value: YAMLValue, context: inout SpecParseContext) -> BlueGreenStrategy? {
        let value = value.isNull ? .mapping([], value.location) : value
        guard context.mapping(value, "\"blueGreen\"", allowed: blueGreenKeys) != nil else { return nil }
        var strategy = BlueGreenStrategy()
        if let pre = value["prePromotionAnalysis"] {
            strategy.prePromotionAnalysis = parseTemplateReferences(pre, "\"prePromotionAnalysis\"", context: &context)
        }
        if let post = value["postPromotionAnalysis"] {
            strategy.postPromotionAnalysis = parseTemplateReferences(
                post, "\"postPromotionAnalysis\"", context: &context)
        }
        if let auto = value["autoPromote"] { strategy.autoPromote = context.boolean(auto, "\"autoPromote\"") ?? true }
        parseDelays(
            value, abort: &strategy.abortScaleDownDelay, scaleDown: &strategy.scaleDownDelay,
            noData: &strategy.noDataTimeout, context: &context)
        return strategy
    }

    static func parseRolling(_ value: YAMLValue, context: inout SpecParseContext) -> RollingStrategy? {
        let value = value.isNull ? .mapping([], value.location) : value
        guard context.mapping(value, "\"rolling\"", allowed: rollingKeys) != nil else { return nil }
        var strategy = RollingStrategy()
        if let surge = value["maxSurge"] {
            strategy.maxSurge = parseReplicaCount(surge, "\"maxSurge\"", context: &context) ?? strategy.maxSurge
        }
        if let unavailable = value["maxUnavailable"] {
            strategy.maxUnavailable =
                parseReplicaCount(unavailable, "\"maxUnavailable\"", context: &context) ?? strategy.maxUnavailable
        }
        if strategy.maxSurge.resolve(total: 100, roundingUp: true) == 0,
            strategy.maxUnavailable.resolve(total: 100, roundingUp: true) == 0
        {
            context.error(
                value.location,
                "\"maxSurge\" and \"maxUnavailable\" cannot both be 0, or no replica could ever be replaced",
                rule: "strategy")
        }
        if let analysis = value["analysis"] {
            strategy.analysis = parseTemplateReferences(analysis, "\"analysis\"", context: &context)
        }
        var unused = Duration.zero
        parseDelays(
            value, abort: &strategy.abortScaleDownDelay, scaleDown: &unused, noData: &strategy.noDataTimeout,
            context: &context)
        return strategy
    }

    /// `3` or `25%`.
    static func parseReplicaCount(_ value: YAMLValue, _ what: String, context: inout SpecParseContext)
        -> RollingStrategy.ReplicaCount?
    {
        guard let scalar = context.scalar(value, what) else { return nil }
        if scalar.text.hasSuffix("%"), let percent = Int(scalar.text.dropLast()), (0...100).contains(percent) {
            return .percent(percent)
        }
        if let count = Int(scalar.text), count >= 0 { return .count(count) }
        context.error(
            scalar.location,
            "\(what) must be a replica count or a percentage such as \"25%\", but it is \"\(scalar.text)\"")
        return nil
    }

    static func parseDelays(
        _ value: YAMLValue, abort: inout Duration, scaleDown: inout Duration, noData: inout Duration,
        context: inout SpecParseContext
    ) {
        if let delay = value["abortScaleDownDelay"] {
            abort = context.duration(delay, "\"abortScaleDownDelay\"", maximum: .seconds(24 * 3600)) ?? abort
        }
        if let delay = value["scaleDownDelay"] {
            scaleDown =
                context.duration(delay, "\"scaleDownDelay\"", maximum: BlueGreenStrategy.maximumScaleDownDelay)
                ?? scaleDown
        }
        if let timeout = value["noDataTimeout"] {
            noData = context.duration(timeout, "\"noDataTimeout\"", minimum: .seconds(1)) ?? noData
        }
    }
}
