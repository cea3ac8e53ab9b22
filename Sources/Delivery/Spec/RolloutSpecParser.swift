import Diagnostics
import Workflows

/// Turns a rollout spec's text into a `RolloutSpec`, reporting every mistake as `path:line:column: message`.
///
/// Rule ids: `syntax` (YAML, unknown keys, wrong types and values), `target`, `strategy`, `analysis`,
/// `template-ref` (references to undefined analysis templates), `placeholder` and `policy`.
public enum RolloutSpecParser {
    static let keys = [
        "service", "environment", "listen", "admin", "preview", "routing", "target", "strategy", "analysis",
        "policy",
    ]

    /// Parses `text` (the contents of `path`). The spec is nil whenever there is an error; warnings alone keep it.
    public static func parse(_ text: String, path: String) -> (RolloutSpec?, [Diagnostic]) {
        let (document, yamlDiagnostics) = YAMLReader.read(text, file: path)
        guard let document else { return (nil, yamlDiagnostics) }
        var context = SpecParseContext(diagnostics: yamlDiagnostics)
        let spec = parseSpec(document, context: &context)
        return (context.diagnostics.hasErrors ? nil : spec, context.diagnostics)
    }

    static func parseSpec(_ document: YAMLValue, context: inout SpecParseContext) -> RolloutSpec? {
        guard context.mapping(document, "a rollout spec", allowed: keys) != nil else { return nil }
        let service = context.required(document, "service", in: "the spec").flatMap {
            parseName($0, "the service name", context: &context)
        }
        let environment = context.required(document, "environment", in: "the spec").flatMap {
            parseName($0, "the environment name", context: &context)
        }
        let templates = document["analysis"].map { parseTemplates($0, context: &context) } ?? [:]
        // Every defined name counts, even when its body has errors, so references to it are not reported too.
        context.templateNames = document["analysis"]?.entries?.map(\.key.text) ?? []
        var target: TargetConfig?
        var targetKind: YAMLEntry?
        let targetMessage =
            "the spec has no \"target\"; say where the service runs (\(SpecParseContext.quoted(TargetConfig.kinds)))"
        if let value = context.required(document, "target", in: "the spec", message: targetMessage) {
            targetKind = context.oneOf(value, TargetConfig.kinds, in: "\"target\"")
            target = targetKind.flatMap { parseTarget($0, context: &context) }
        }
        var strategy: RolloutStrategy?
        let strategyMessage =
            "the spec has no \"strategy\"; use one of \(SpecParseContext.quoted(RolloutStrategy.kinds))"
        if let value = context.required(document, "strategy", in: "the spec", message: strategyMessage) {
            strategy = context.oneOf(value, RolloutStrategy.kinds, in: "\"strategy\"").flatMap {
                parseStrategy($0, target: target, targetKind: targetKind, context: &context)
            }
        }
        if let analysis = document["analysis"]?.entries {
            for entry in analysis where !context.usedTemplates.contains(entry.key.text) {
                context.warning(
                    entry.key.location, "analysis template \"\(entry.key.text)\" is never used", rule: "analysis")
            }
        }
        let policy = document["policy"].map { parsePolicy($0, context: &context) } ?? DeployPolicy()
        let listen = document["listen"].flatMap { parseAddress($0, "\"listen\"", context: &context) }
        let admin = document["admin"].flatMap { parseAddress($0, "\"admin\"", context: &context) }
        let preview = document["preview"].flatMap { parseAddress($0, "\"preview\"", context: &context) }
        let routing = document["routing"].map { parseRouting($0, context: &context) } ?? ServiceRouting()
        for key in ["preview", "routing"] {
            guard let proxyValue = document[key], let target, target.routesTraffic else { continue }
            context.error(
                proxyValue.location,
                "\"\(key)\" configures Gantry's own proxy, which only local targets have; a \(target.kind) "
                    + "target routes its own traffic",
                rule: "target")
        }
        guard let service, let environment, let target, let strategy else { return nil }
        var spec = RolloutSpec(
            service: service, environment: environment, target: target, strategy: strategy, analysis: templates,
            policy: policy)
        spec.listen = listen
        spec.admin = admin
        spec.preview = preview
        spec.routing = routing
        return spec
    }

    /// A `host:port` address on loopback for the service's proxy (`listen`) or its metrics endpoint (`admin`).
    static func parseAddress(_ value: YAMLValue, _ what: String, context: inout SpecParseContext) -> String? {
        guard let text = context.string(value, what) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port), !parts[0].isEmpty else {
            context.error(value.location, "\(what) must be host:port, such as 127.0.0.1:18080; found \"\(text)\"")
            return nil
        }
        return text
    }

    /// A lower-case name of letters, digits and `-`, as used in paths and metric labels.
    static func parseName(_ value: YAMLValue, _ what: String, context: inout SpecParseContext) -> String? {
        guard let name = context.string(value, what) else { return nil }
        let valid =
            name.first?.isLetter == true
            && name.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }
        if !valid {
            context.error(
                value.location,
                "\(what) \"\(name)\" must start with a letter and contain only lower-case letters, digits and \"-\"")
            return nil
        }
        return name
    }

    /// A list of template names; each must be defined under `analysis:`.
    static func parseTemplateReferences(_ value: YAMLValue, _ what: String, context: inout SpecParseContext) -> [String]
    {
        let scalars: [YAMLScalar]
        switch value {
        case .scalar(let scalar): scalars = [scalar]
        case .sequence(let items, _): scalars = items.compactMap { context.scalar($0, "each item of \(what)") }
        default:
            context.error(
                value.location,
                "\(what) must be a template name or a sequence of names, but it is \(value.kindDescription)")
            return []
        }
        if scalars.isEmpty { context.error(value.location, "\(what) must name at least one analysis template") }
        for scalar in scalars {
            context.usedTemplates.insert(scalar.text)
            guard !context.templateNames.contains(scalar.text) else { continue }
            var message = "analysis template \"\(scalar.text)\" is not defined"
            if let suggestion = SpecParseContext.closest(to: scalar.text, in: context.templateNames) {
                message += "; did you mean \"\(suggestion)\"?"
            } else if context.templateNames.isEmpty {
                message += "; define it under \"analysis\""
            } else {
                message += "; defined templates: \(SpecParseContext.quoted(context.templateNames))"
            }
            context.error(scalar.location, message, rule: "template-ref")
        }
        return scalars.map(\.text)
    }

    /// Reports `${NAME}` placeholders in `scalar` that are not in `allowed`, at their exact column.
    static func checkPlaceholders(_ scalar: YAMLScalar, allowed: [Placeholder], context: inout SpecParseContext) {
        for (name, offset) in Placeholder.occurrences(in: scalar.text) {
            guard let placeholder = Placeholder(rawValue: name), allowed.contains(placeholder) else {
                let names = allowed.map { "${\($0.rawValue)}" }
                var message = "unknown placeholder \"${\(name)}\""
                if let suggestion = SpecParseContext.closest(to: name, in: allowed.map(\.rawValue)) {
                    message += "; did you mean \"${\(suggestion)}\"?"
                } else {
                    message += "; expected one of \(SpecParseContext.quoted(names))"
                }
                context.error(scalar.location(ofOffset: offset), message, rule: "placeholder")
                continue
            }
        }
    }
}
