import Diagnostics

extension WorkflowParser {
    static let filterKeys = [
        "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "types", "inputs", "outputs",
        "secrets", "workflows",
    ]

    static func parseTriggers(_ value: YAMLValue, context: inout ParseContext) -> [Trigger] {
        switch value {
        case .scalar(let scalar):
            return [Trigger(event: scalar.text, location: scalar.location)]
        case .sequence(let items, _):
            return items.compactMap { item in
                context.scalar(item, "each event under \"on\"").map { Trigger(event: $0.text, location: $0.location) }
            }
        case .mapping(let entries, _):
            return entries.map { parseTrigger($0, context: &context) }
        case .null(let location):
            context.error(location, "\"on\" must name at least one event")
            return []
        }
    }

    static func parseTrigger(_ entry: YAMLEntry, context: inout ParseContext) -> Trigger {
        var trigger = Trigger(event: entry.key.text, location: entry.key.location)
        if trigger.event == "schedule" {
            for item in entry.value.items ?? [] {
                if let cron = item["cron"]?.scalar?.text { trigger.cron.append(cron) }
            }
            return trigger
        }
        let entries = context.optionalMapping(entry.value, "the \"\(trigger.event)\" event")
        context.checkKeys(entries, allowed: filterKeys, in: "the \"\(trigger.event)\" event")
        for item in entries {
            let key = item.key.text
            switch key {
            case "inputs":
                trigger.inputs = parseInputs(item.value, context: &context)
            case "outputs":
                trigger.outputs = context.optionalMapping(item.value, "\"outputs\"")
            case "secrets":
                continue
            default:
                let list = context.scalarList(item.value, "\"\(key)\"").map(\.text)
                switch key {
                case "branches": trigger.branches = list
                case "branches-ignore": trigger.branchesIgnore = list
                case "tags": trigger.tags = list
                case "tags-ignore": trigger.tagsIgnore = list
                case "paths": trigger.paths = list
                case "paths-ignore": trigger.pathsIgnore = list
                case "types": trigger.types = list
                default: break
                }
            }
        }
        if trigger.branches != nil && trigger.branchesIgnore != nil {
            context.error(entry.key.location, "\"branches\" and \"branches-ignore\" cannot both be set for one event")
        }
        if trigger.paths != nil && trigger.pathsIgnore != nil {
            context.error(entry.key.location, "\"paths\" and \"paths-ignore\" cannot both be set for one event")
        }
        return trigger
    }

    /// `inputs:` of a dispatch/call trigger or of an action.
    static func parseInputs(_ value: YAMLValue, context: inout ParseContext) -> [InputDefinition] {
        context.optionalMapping(value, "\"inputs\"").map { entry in
            let type = entry.value["type"]?.scalar?.text
            let required = entry.value["required"]?.scalar?.text.lowercased() == "true"
            return InputDefinition(
                name: entry.key.text, location: entry.key.location, type: type, required: required,
                defaultValue: entry.value["default"])
        }
    }
}
