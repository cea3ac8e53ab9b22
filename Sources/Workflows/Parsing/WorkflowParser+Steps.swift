import Diagnostics

extension WorkflowParser {
    static let stepKeys = [
        "id", "if", "name", "uses", "run", "working-directory", "shell", "with", "env", "continue-on-error",
        "timeout-minutes", "background", "wait", "wait-all", "cancel", "parallel",
    ]

    /// The steps of a job or composite action; every step must be a mapping with exactly one of `run` / `uses`.
    static func parseSteps(_ value: YAMLValue, context: inout ParseContext) -> [Step] {
        guard let items = value.items else {
            context.error(value.location, "\"steps\" must be a sequence, but it is \(value.kindDescription)")
            return []
        }
        var seenIDs: [String: SourceLocation] = [:]
        var steps: [Step] = []
        for (index, item) in items.enumerated() {
            guard let entries = item.entries else {
                context.error(item.location, "step \(index + 1) must be a mapping, but it is \(item.kindDescription)")
                continue
            }
            context.checkKeys(entries, allowed: stepKeys, in: "a step")
            var step = Step(index: index, location: item.location)
            if let id = item["id"].flatMap({ context.scalar($0, "\"id\"") }) {
                step.id = id.text
                if let first = seenIDs[id.text] {
                    context.error(
                        id.location, "step id \"\(id.text)\" is used more than once in this job",
                        notes: [.init(location: first, message: "first used here")])
                }
                seenIDs[id.text] = id.location
            }
            step.name = item["name"]
            step.condition = parseCondition(item["if"], context: &context)
            step.run = item["run"].flatMap { context.scalar($0, "\"run\"") }
            step.uses = item["uses"].flatMap { context.scalar($0, "\"uses\"") }
            step.shell = item["shell"]
            step.workingDirectory = item["working-directory"]
            step.with = context.scalarMapping(item["with"], "\"with\"")
            step.env = context.scalarMapping(item["env"], "\"env\"")
            step.continueOnError = item["continue-on-error"]
            step.timeoutMinutes = item["timeout-minutes"]
            step.background = item["background"]
            step.wait = item["wait"].map { context.scalarList($0, "\"wait\"").map(\.text) }
            step.waitAll = item["wait-all"] != nil
            step.cancel = item["cancel"].flatMap { context.scalar($0, "\"cancel\"")?.text }
            step.parallel = item["parallel"].map { parseSteps($0, context: &context) }
            let kinds = [
                step.run != nil ? "run" : nil, step.uses != nil ? "uses" : nil, step.parallel != nil ? "parallel" : nil,
                step.wait != nil ? "wait" : nil, step.waitAll ? "wait-all" : nil, step.cancel != nil ? "cancel" : nil,
            ].compactMap { $0 }
            if kinds.count > 1 {
                let listed = kinds.map { "\"\($0)\"" }.joined(separator: " and ")
                context.error(item.location, "a step cannot have both \(listed)")
            } else if kinds.isEmpty {
                context.error(item.location, "a step must have either \"run\" or \"uses\"")
            }
            steps.append(step)
        }
        return steps
    }
}
