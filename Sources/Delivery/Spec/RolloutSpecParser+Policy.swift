import Diagnostics
import Foundation
import Workflows

extension RolloutSpecParser {
    static let policyKeys = ["branches", "freeze", "approvals", "waitTimer", "requires"]
    static let windowKeys = ["name", "effect", "days", "time", "timeZone", "from", "until"]

    static func parsePolicy(_ value: YAMLValue, context: inout SpecParseContext) -> DeployPolicy {
        var policy = DeployPolicy()
        guard context.mapping(value, "\"policy\"", allowed: policyKeys) != nil else { return policy }
        if let branches = value["branches"] { policy.branches = context.stringList(branches, "\"branches\"") }
        if let freeze = value["freeze"] {
            if let items = freeze.items {
                var seen: [String: SourceLocation] = [:]
                policy.freeze.windows = items.compactMap { parseWindow($0, seen: &seen, context: &context) }
            } else {
                context.error(
                    freeze.location, "\"freeze\" must be a sequence of windows, but it is \(freeze.kindDescription)")
            }
        }
        if let approvals = value["approvals"],
            context.mapping(approvals, "\"approvals\"", allowed: ["count", "timeout", "approvers"]) != nil
        {
            var requirement = ApprovalRequirement(count: 1)
            if let count = context.required(approvals, "count", in: "\"approvals\"") {
                requirement.count = context.integer(count, "\"count\"", in: 1...20) ?? 1
            }
            if let timeout = approvals["timeout"] {
                requirement.timeout =
                    context.duration(timeout, "\"timeout\"", minimum: .seconds(60)) ?? requirement.timeout
            }
            if let approvers = approvals["approvers"] {
                requirement.approvers = context.stringList(approvers, "\"approvers\"")
                if !requirement.approvers.isEmpty, requirement.approvers.count < requirement.count {
                    context.error(
                        approvers.location,
                        "\(requirement.approvers.count) approvers can never give \(requirement.count) distinct "
                            + "approvals",
                        rule: "policy")
                }
            }
            policy.approvals = requirement
        }
        if let timer = value["waitTimer"] {
            policy.waitTimer = context.duration(timer, "\"waitTimer\"", maximum: .seconds(30 * 24 * 3600))
        }
        if let requires = value["requires"] {
            for item in requires.items ?? [] {
                guard
                    context.mapping(item, "each item of \"requires\"", allowed: ["environment", "url", "status"])
                        != nil,
                    let environment = context.required(item, "environment", in: "a required environment").flatMap({
                        context.string($0, "\"environment\"")
                    }),
                    let url = context.required(item, "url", in: "a required environment").flatMap({
                        context.string($0, "\"url\"")
                    })
                else { continue }
                let status = item["status"].flatMap { context.integer($0, "\"status\"", in: 100...599) } ?? 200
                policy.requires.append(EnvironmentRequirement(environment: environment, url: url, status: status))
            }
            if requires.items == nil {
                context.error(
                    requires.location, "\"requires\" must be a sequence, but it is \(requires.kindDescription)")
            }
        }
        return policy
    }

    static func parseWindow(_ value: YAMLValue, seen: inout [String: SourceLocation], context: inout SpecParseContext)
        -> FreezeWindow?
    {
        guard context.mapping(value, "a freeze window", allowed: windowKeys) != nil else { return nil }
        var valid = true
        var name = ""
        if let nameValue = context.required(value, "name", in: "a freeze window"),
            let text = context.string(nameValue, "\"name\"")
        {
            name = text
            if let first = seen[text] {
                context.error(
                    nameValue.location, "freeze window \"\(text)\" is defined more than once", rule: "policy",
                    notes: [.init(location: first, message: "first defined here")])
            }
            seen[text] = nameValue.location
        } else {
            valid = false
        }
        var zone: TimeZone?
        let what = name.isEmpty ? "a freeze window" : "freeze window \"\(name)\""
        if let zoneValue = context.required(value, "timeZone", in: what),
            let text = context.string(zoneValue, "\"timeZone\"")
        {
            zone = TimeZone(identifier: text)
            if zone == nil || !text.contains("/") && text != "UTC" {
                zone = nil
                var message = "unknown time zone \"\(text)\"; use an IANA name such as \"Europe/Berlin\""
                if let suggestion = SpecParseContext.closest(to: text, in: TimeZone.knownTimeZoneIdentifiers) {
                    message = "unknown time zone \"\(text)\"; did you mean \"\(suggestion)\"?"
                }
                context.error(zoneValue.location, message, rule: "policy")
            }
        }
        var window = FreezeWindow(name: name, timeZone: zone ?? TimeZone(identifier: "UTC")!)
        if let effect = value["effect"] { window.effect = context.choice(effect, "\"effect\"") ?? .deny }
        if let days = value["days"] {
            for item in days.items ?? (days.scalar != nil ? [days] : []) {
                guard let scalar = context.scalar(item, "each item of \"days\"") else { continue }
                for part in scalar.text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if let parsed = Weekday.parseList(part) {
                        window.days.formUnion(parsed)
                    } else {
                        context.error(
                            scalar.location, "\"\(part)\" is not a day or a range of days such as \"mon-fri\"",
                            rule: "policy")
                        valid = false
                    }
                }
            }
        }
        if let time = value["time"], let scalar = context.scalar(time, "\"time\"") {
            let bounds = scalar.text.split(separator: "-").map {
                TimeOfDay.parse($0.trimmingCharacters(in: .whitespaces))
            }
            if bounds.count == 2, let start = bounds[0], let end = bounds[1], start.minutes < 1440,
                start != end || end.minutes == 1440
            {
                window.start = start
                window.end = end
            } else {
                context.error(
                    scalar.location,
                    "\"time\" must be a range of local times such as \"14:00-24:00\" or \"22:00-06:00\", but it is "
                        + "\"\(scalar.text)\"",
                    rule: "policy")
                valid = false
            }
        }
        for key in ["from", "until"] {
            guard let dateValue = value[key], let scalar = context.scalar(dateValue, "\"\(key)\"") else { continue }
            guard let date = LocalDate.parse(scalar.text) else {
                context.error(
                    scalar.location, "\"\(key)\" must be a date such as \"2025-12-24\", but it is \"\(scalar.text)\"",
                    rule: "policy")
                valid = false
                continue
            }
            if key == "from" { window.from = date } else { window.until = date }
        }
        if let from = window.from, let until = window.until, until < from {
            context.error(value["until"]!.location, "\"until\" (\(until)) is before \"from\" (\(from))", rule: "policy")
        }
        return valid && zone != nil ? window : nil
    }
}
