import Diagnostics

/// Parses an action's metadata file (`action.yml` / `action.yaml`).
public enum ActionParser {
    static let actionKeys = ["name", "author", "description", "inputs", "outputs", "runs", "branding"]

    public static func parse(_ text: String, path: String) -> (ActionMetadata?, [Diagnostic]) {
        let (document, yamlDiagnostics) = YAMLReader.read(text, file: path)
        guard let document else { return (nil, yamlDiagnostics) }
        var context = ParseContext(diagnostics: yamlDiagnostics)
        guard let entries = context.mapping(document, "an action") else { return (nil, context.diagnostics) }
        context.checkKeys(entries, allowed: actionKeys, in: "an action")
        let inputs = document["inputs"].map { WorkflowParser.parseInputs($0, context: &context) } ?? []
        let outputs = context.optionalMapping(document["outputs"], "\"outputs\"")
        guard let runsValue = document["runs"], runsValue.entries != nil else {
            context.error(document.location, "the action has no \"runs\" mapping")
            return (nil, context.diagnostics)
        }
        let using = runsValue["using"]?.scalar?.text ?? ""
        let runs: ActionMetadata.Runs
        switch using {
        case "composite":
            runs = .composite(steps: runsValue["steps"].map { WorkflowParser.parseSteps($0, context: &context) } ?? [])
        case let node where node.hasPrefix("node"):
            guard let main = runsValue["main"]?.scalar?.text else {
                context.error(runsValue.location, "a \(node) action needs \"runs.main\"")
                return (nil, context.diagnostics)
            }
            runs = .node(
                using: node, main: main, pre: runsValue["pre"]?.scalar?.text, post: runsValue["post"]?.scalar?.text)
        case "docker":
            runs = .docker(image: runsValue["image"]?.scalar?.text ?? "")
        default:
            context.error(
                runsValue["using"]?.location ?? runsValue.location,
                "unknown \"runs.using\" value \"\(using)\"; expected \"composite\", \"node20\" (or another node version) or \"docker\"")
            return (nil, context.diagnostics)
        }
        let metadata = ActionMetadata(
            path: path, name: document["name"]?.scalar?.text, inputs: inputs, outputs: outputs, runs: runs)
        return (metadata, context.diagnostics)
    }
}
