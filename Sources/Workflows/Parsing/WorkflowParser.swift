import Diagnostics

/// Turns a workflow file's text into a `Workflow`, collecting every problem as a diagnostic.
public enum WorkflowParser {
    static let workflowKeys = ["name", "run-name", "on", "env", "defaults", "concurrency", "jobs", "permissions"]

    /// Parses `text` (the contents of `path`). The workflow is nil only when the file is unusable as a whole.
    public static func parse(_ text: String, path: String) -> (Workflow?, [Diagnostic]) {
        let (document, yamlDiagnostics) = YAMLReader.read(text, file: path)
        guard let document else { return (nil, yamlDiagnostics) }
        var context = ParseContext(diagnostics: yamlDiagnostics)
        let workflow = parseWorkflow(document, path: path, context: &context)
        return (workflow, context.diagnostics)
    }

    static func parseWorkflow(_ document: YAMLValue, path: String, context: inout ParseContext) -> Workflow? {
        guard let entries = context.mapping(document, "a workflow") else { return nil }
        context.checkKeys(entries, allowed: workflowKeys, in: "a workflow")
        var name: String?
        if let value = document["name"] { name = context.scalar(value, "\"name\"")?.text }
        var triggers: [Trigger] = []
        if let on = document["on"] {
            triggers = parseTriggers(on, context: &context)
        } else {
            context.error(document.location, "the workflow has no \"on\" key, so no event can start it")
        }
        let env = context.scalarMapping(document["env"], "\"env\"")
        let defaults = parseDefaults(document["defaults"], context: &context)
        var jobs: [Job] = []
        if let jobsValue = document["jobs"] {
            let jobEntries = context.mapping(jobsValue, "\"jobs\"") ?? []
            if jobEntries.isEmpty, jobsValue.entries != nil {
                context.error(jobsValue.location, "\"jobs\" must define at least one job")
            }
            jobs = jobEntries.compactMap { parseJob($0, context: &context) }
        } else {
            context.error(document.location, "the workflow has no \"jobs\" key")
        }
        return Workflow(
            path: path, name: name, triggers: triggers, env: env, defaults: defaults, jobs: jobs, document: document)
    }

    static func parseDefaults(_ value: YAMLValue?, context: inout ParseContext) -> RunDefaults {
        let entries = context.optionalMapping(value, "\"defaults\"")
        context.checkKeys(entries, allowed: ["run"], in: "\"defaults\"")
        guard let run = entries.first(where: { $0.key.text == "run" })?.value else { return RunDefaults() }
        let runEntries = context.optionalMapping(run, "\"defaults.run\"")
        context.checkKeys(runEntries, allowed: ["shell", "working-directory"], in: "\"defaults.run\"")
        return RunDefaults(shell: run["shell"], workingDirectory: run["working-directory"])
    }

    /// An `if:` value: a scalar parsed as an expression; YAML booleans count as literal expressions.
    static func parseCondition(_ value: YAMLValue?, context: inout ParseContext) -> Condition? {
        guard let value, let scalar = context.scalar(value, "\"if\"") else { return nil }
        switch Condition.parse(scalar) {
        case .success(let condition): return condition
        case .failure(let diagnostic):
            context.diagnostics.append(diagnostic)
            return nil
        }
    }
}
