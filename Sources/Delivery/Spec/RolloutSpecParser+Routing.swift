import Diagnostics
import Workflows

extension RolloutSpecParser {
    static let routingKeys = ["stickyCookie", "routes"]
    static let ruleKeys = ["header", "cookie", "value", "to"]

    /// `routing: {stickyCookie: NAME, routes: [{header: NAME, value: V, to: ROLE}, {cookie: ...}]}`.
    static func parseRouting(_ value: YAMLValue, context: inout SpecParseContext) -> ServiceRouting {
        var routing = ServiceRouting()
        guard context.mapping(value, "\"routing\"", allowed: routingKeys) != nil else { return routing }
        if let sticky = value["stickyCookie"] {
            routing.stickyCookie = parseToken(sticky, "\"stickyCookie\"", context: &context)
        }
        if let routes = value["routes"] {
            guard let items = routes.items else {
                context.error(routes.location, "\"routes\" must be a sequence, but it is \(routes.kindDescription)")
                return routing
            }
            routing.rules = items.compactMap { parseRule($0, context: &context) }
        }
        return routing
    }

    static func parseRule(_ value: YAMLValue, context: inout SpecParseContext) -> ServiceRouting.Rule? {
        let what = "a route"
        guard context.mapping(value, what, allowed: ruleKeys) != nil else { return nil }
        let header = value["header"]
        let cookie = value["cookie"]
        if header != nil && cookie != nil {
            context.error(value.location, "\(what) matches a \"header\" or a \"cookie\", not both")
            return nil
        }
        guard let nameValue = header ?? cookie else {
            context.error(value.location, "\(what) needs \"header\" or \"cookie\": the name to match")
            return nil
        }
        let name = parseToken(nameValue, header != nil ? "\"header\"" : "\"cookie\"", context: &context)
        let expected = context.required(value, "value", in: what).flatMap { context.string($0, "\"value\"") }
        let role: ReplicaRole? = value["to"].map { context.choice($0, "\"to\"") } ?? .canary
        guard let name, let expected, let role else { return nil }
        return ServiceRouting.Rule(match: header != nil ? .header(name) : .cookie(name), value: expected, role: role)
    }

    /// A header or cookie name: an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``).
    static func parseToken(_ value: YAMLValue, _ what: String, context: inout SpecParseContext) -> String? {
        guard let text = context.string(value, what) else { return nil }
        let symbols = Set("!#$%&'*+-.^_`|~")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || symbols.contains($0)) })
        else {
            context.error(value.location, "\(what) \"\(text)\" is not a valid header or cookie name")
            return nil
        }
        return text
    }
}
