import Diagnostics
import Workflows

extension RolloutSpecParser {
    static let templateKeys = [
        "provider", "interval", "count", "initialDelay", "successCondition", "failureCondition", "judge",
        "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "minSamples",
    ]
    static let queryPlaceholders: [Placeholder] = [.version, .role, .service, .environment]

    static func parseTemplates(_ value: YAMLValue, context: inout SpecParseContext) -> [String: AnalysisTemplate] {
        guard let entries = context.mapping(value, "\"analysis\"") else { return [:] }
        var templates: [String: AnalysisTemplate] = [:]
        for entry in entries {
            if let template = parseTemplate(entry, context: &context) { templates[entry.key.text] = template }
        }
        return templates
    }

    static func parseTemplate(_ entry: YAMLEntry, context: inout SpecParseContext) -> AnalysisTemplate? {
        let name = entry.key.text
        let what = "analysis template \"\(name)\""
        guard context.mapping(entry.value, what, allowed: templateKeys) != nil else { return nil }
        let value = entry.value
        guard let providerValue = context.required(value, "provider", in: what),
            let kind = context.oneOf(providerValue, MetricProviderConfig.kinds, in: "\"provider\""),
            let provider = parseProvider(kind, context: &context)
        else { return nil }
        var template = AnalysisTemplate(name: name, provider: provider)
        if case .builtin = provider { template.interval = .seconds(1) }
        if let interval = value["interval"] {
            template.interval =
                context.duration(interval, "\"interval\"", minimum: .milliseconds(100)) ?? template.interval
        }
        if let count = value["count"] { template.count = context.integer(count, "\"count\"", in: 1...100_000) }
        if let delay = value["initialDelay"] {
            template.initialDelay = context.duration(delay, "\"initialDelay\"") ?? .zero
        }
        template.successCondition = value["successCondition"].flatMap {
            parseCondition($0, "\"successCondition\"", context: &context)
        }
        template.failureCondition = value["failureCondition"].flatMap {
            parseCondition($0, "\"failureCondition\"", context: &context)
        }
        if let judge = value["judge"] {
            template.judge = parseJudge(judge, context: &context)
            if case .builtin = provider {
            } else {
                context.error(
                    judge.location,
                    "a judge compares per-request data of the canary and the baseline, which only the \"builtin\" "
                        + "provider measures",
                    rule: "analysis")
            }
            if value["successCondition"] != nil || value["failureCondition"] != nil {
                context.error(
                    judge.location, "\(what) has both a judge and conditions; use one or the other", rule: "analysis")
            }
        } else if value["successCondition"] == nil && value["failureCondition"] == nil {
            context.error(
                entry.key.location,
                "\(what) has no \"successCondition\", \"failureCondition\" or \"judge\", so it could never fail",
                rule: "analysis")
        }
        for (key, limit) in [
            ("failureLimit", \AnalysisTemplate.failureLimit), ("inconclusiveLimit", \.inconclusiveLimit),
            ("consecutiveErrorLimit", \.consecutiveErrorLimit), ("minSamples", \.minSamples),
        ] {
            if let limitValue = value[key], let number = context.integer(limitValue, "\"\(key)\"", in: 0...100_000) {
                template[keyPath: limit] = number
            }
        }
        if let count = template.count, let minimum = value["minSamples"], template.minSamples > count {
            context.error(
                minimum.location,
                "\"minSamples\" (\(template.minSamples)) is more than \"count\" (\(count)), so the analysis could "
                    + "never pass",
                rule: "analysis")
        }
        if let count = template.count, let limit = value["failureLimit"], template.failureLimit >= count {
            context.warning(
                limit.location,
                "\"failureLimit\" (\(template.failureLimit)) is not less than \"count\" (\(count)), so the analysis "
                    + "can never fail",
                rule: "analysis")
        }
        return template
    }

    static func parseProvider(_ entry: YAMLEntry, context: inout SpecParseContext) -> MetricProviderConfig? {
        let value = entry.value
        switch entry.key.text {
        case "builtin":
            guard context.mapping(value, "\"builtin\"", allowed: ["metric"]) != nil,
                let metric = context.required(value, "metric", in: "\"builtin\"")
            else { return nil }
            return context.choice(metric, "\"metric\"").map(MetricProviderConfig.builtin)
        case "prometheus":
            guard context.mapping(value, "\"prometheus\"", allowed: ["address", "query"]) != nil,
                let query = context.required(value, "query", in: "\"prometheus\"").flatMap({
                    context.scalar($0, "\"query\"")
                })
            else { return nil }
            checkPlaceholders(query, allowed: queryPlaceholders, context: &context)
            return .prometheus(
                address: value["address"].flatMap { context.string($0, "\"address\"") }, query: query.text)
        case "web":
            guard context.mapping(value, "\"web\"", allowed: ["url", "jsonPath", "headers", "timeout"]) != nil,
                let url = context.required(value, "url", in: "\"web\"").flatMap({ context.scalar($0, "\"url\"") })
            else { return nil }
            checkPlaceholders(url, allowed: queryPlaceholders, context: &context)
            if !url.text.hasPrefix("http://") && !url.text.hasPrefix("https://") {
                context.error(
                    url.location, "\"url\" must start with http:// or https://, but it is \"\(url.text)\"",
                    rule: "analysis")
            }
            let timeout = value["timeout"].flatMap { context.duration($0, "\"timeout\"", minimum: .milliseconds(10)) }
            return .web(
                url: url.text, jsonPath: value["jsonPath"].flatMap { context.string($0, "\"jsonPath\"") },
                headers: value["headers"].map { context.stringMapping($0, "\"headers\"") } ?? [:],
                timeout: timeout ?? .seconds(10))
        default:
            var arguments: [YAMLScalar] = []
            var timeout = Duration.seconds(30)
            if let items = value.items {
                arguments = items.compactMap { context.scalar($0, "each item of \"command\"") }
            } else if context.mapping(value, "\"command\"", allowed: ["arguments", "timeout"]) != nil {
                if let list = context.required(value, "arguments", in: "\"command\"")?.items {
                    arguments = list.compactMap { context.scalar($0, "each item of \"arguments\"") }
                }
                if let limit = value["timeout"] {
                    timeout = context.duration(limit, "\"timeout\"", minimum: .milliseconds(10)) ?? timeout
                }
            }
            guard !arguments.isEmpty else {
                context.error(
                    value.location, "the \"command\" provider needs a non-empty sequence of arguments", rule: "analysis"
                )
                return nil
            }
            for argument in arguments { checkPlaceholders(argument, allowed: queryPlaceholders, context: &context) }
            return .command(arguments: arguments.map(\.text), timeout: timeout)
        }
    }

    static func parseCondition(_ value: YAMLValue, _ what: String, context: inout SpecParseContext)
        -> AnalysisCondition?
    {
        guard let scalar = context.scalar(value, what) else { return nil }
        do {
            return try AnalysisCondition(scalar.text)
        } catch {
            context.error(
                scalar.location(ofOffset: error.offset), "invalid \(what): \(error.message)", rule: "condition")
            return nil
        }
    }

    static func parseJudge(_ value: YAMLValue, context: inout SpecParseContext) -> AnalysisJudge? {
        guard let entry = context.oneOf(value, AnalysisJudge.kinds, in: "\"judge\"") else { return nil }
        let settings = entry.value.isNull ? YAMLValue.mapping([], entry.value.location) : entry.value
        if entry.key.text == "errorRate" {
            let keys = ["minimumDifference", "minimumRatio", "alpha", "beta", "minimumRequests"]
            guard context.mapping(settings, "\"errorRate\"", allowed: keys) != nil else { return nil }
            var judge = ErrorRateJudge()
            if let v = settings["minimumDifference"] {
                judge.minimumDifference =
                    context.number(v, "\"minimumDifference\"", in: 0...1) ?? judge.minimumDifference
            }
            if let v = settings["minimumRatio"] {
                judge.minimumRatio = context.number(v, "\"minimumRatio\"", in: 1...1000) ?? judge.minimumRatio
            }
            if let v = settings["alpha"] {
                judge.alpha = context.number(v, "\"alpha\"", in: 0.0001...0.5) ?? judge.alpha
            }
            if let v = settings["beta"] { judge.beta = context.number(v, "\"beta\"", in: 0.0001...0.5) ?? judge.beta }
            if let v = settings["minimumRequests"] {
                judge.minimumRequests =
                    context.integer(v, "\"minimumRequests\"", in: 1...1_000_000) ?? judge.minimumRequests
            }
            if judge.minimumDifference == 0 && judge.minimumRatio == 1 {
                context.error(
                    settings.location,
                    "\"minimumDifference\" 0 with \"minimumRatio\" 1 would fail a canary that is exactly as good as "
                        + "its baseline",
                    rule: "analysis")
            }
            return .errorRate(judge)
        }
        let keys = [
            "alpha", "minimumSamples", "minimumProbabilityOfSuperiority", "minimumMedianRatio", "minimumMedianIncrease",
        ]
        guard context.mapping(settings, "\"latency\"", allowed: keys) != nil else { return nil }
        var judge = LatencyJudge()
        if let v = settings["alpha"] { judge.alpha = context.number(v, "\"alpha\"", in: 0.0001...0.5) ?? judge.alpha }
        if let v = settings["minimumSamples"] {
            judge.minimumSamples = context.integer(v, "\"minimumSamples\"", in: 5...1_000_000) ?? judge.minimumSamples
        }
        if let v = settings["minimumProbabilityOfSuperiority"] {
            judge.minimumProbabilityOfSuperiority =
                context.number(v, "\"minimumProbabilityOfSuperiority\"", in: 0.5...1)
                ?? judge.minimumProbabilityOfSuperiority
        }
        if let v = settings["minimumMedianRatio"] {
            judge.minimumMedianRatio =
                context.number(v, "\"minimumMedianRatio\"", in: 1...1000) ?? judge.minimumMedianRatio
        }
        if let v = settings["minimumMedianIncrease"],
            let increase = context.duration(v, "\"minimumMedianIncrease\"", maximum: .seconds(60))
        {
            judge.minimumMedianIncrease = Double(increase.components.seconds) * 1000
                + Double(increase.components.attoseconds) / 1e15
        }
        return .latency(judge)
    }
}
