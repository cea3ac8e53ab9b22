import Diagnostics

extension WorkflowParser {
    static let jobKeys = [
        "name", "needs", "runs-on", "if", "permissions", "environment", "concurrency", "outputs", "env", "defaults",
        "steps", "timeout-minutes", "strategy", "continue-on-error", "container", "services", "uses", "with", "secrets",
    ]
    static let callerJobKeys = [
        "name", "needs", "if", "permissions", "concurrency", "strategy", "uses", "with", "secrets", "outputs",
    ]

    static func parseJob(_ entry: YAMLEntry, context: inout ParseContext) -> Job? {
        let id = entry.key.text
        if !isValidJobID(id) {
            context.error(
                entry.key.location,
                "job id \"\(id)\" is invalid; it must start with a letter or \"_\" and contain only letters, digits, \"-\" and \"_\"")
        }
        guard let entries = context.mapping(entry.value, "job \"\(id)\"") else { return nil }
        var job = Job(id: id, location: entry.key.location)
        let value = entry.value
        if let uses = value["uses"] {
            job.uses = context.scalar(uses, "\"uses\"")
            context.checkKeys(entries, allowed: callerJobKeys, in: "job \"\(id)\", which calls a reusable workflow")
        } else {
            context.checkKeys(entries, allowed: jobKeys, in: "job \"\(id)\"")
        }
        job.name = value["name"]
        job.needs = value["needs"].map { context.scalarList($0, "\"needs\"") } ?? []
        job.condition = parseCondition(value["if"], context: &context)
        job.runsOn = value["runs-on"]
        if job.uses == nil && job.runsOn == nil {
            context.error(entry.key.location, "job \"\(id)\" has no \"runs-on\"; every job that runs steps needs one")
        }
        if let strategy = value["strategy"] { job.strategy = parseStrategy(strategy, context: &context) }
        job.continueOnError = value["continue-on-error"]
        job.timeoutMinutes = value["timeout-minutes"]
        job.outputs = context.optionalMapping(value["outputs"], "\"outputs\"")
        job.env = context.scalarMapping(value["env"], "\"env\"")
        job.defaults = parseDefaults(value["defaults"], context: &context)
        job.with = context.scalarMapping(value["with"], "\"with\"")
        if let secrets = value["secrets"] {
            if secrets.scalar?.text == "inherit" {
                job.secrets = .inherit
            } else {
                job.secrets = .mapped(context.optionalMapping(secrets, "\"secrets\""))
            }
        }
        job.container = value["container"]
        job.services = value["services"]
        if let steps = value["steps"] {
            job.steps = parseSteps(steps, context: &context)
        } else if job.uses == nil {
            context.error(entry.key.location, "job \"\(id)\" has no \"steps\"")
        }
        return job
    }

    static func parseStrategy(_ value: YAMLValue, context: inout ParseContext) -> Strategy? {
        guard let entries = context.mapping(value, "\"strategy\"") else { return nil }
        context.checkKeys(entries, allowed: ["matrix", "fail-fast", "max-parallel"], in: "\"strategy\"")
        return Strategy(
            matrix: value["matrix"], failFast: value["fail-fast"], maxParallel: value["max-parallel"],
            location: value.location)
    }

    static func isValidJobID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
