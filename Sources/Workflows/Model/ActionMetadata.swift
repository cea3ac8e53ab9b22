import Diagnostics

/// An action's `action.yml`: its inputs, outputs and how it runs.
public struct ActionMetadata: Sendable {
    /// `runs:` of an action.
    public enum Runs: Sendable {
        case composite(steps: [Step])
        /// A JavaScript action; `using` is `node12`, `node16`, `node20`, ...
        case node(using: String, main: String, pre: String?, post: String?)
        case docker(image: String)
    }

    public var path: String
    public var name: String?
    public var inputs: [InputDefinition]
    /// Output name and its definition (`value:` for composite actions).
    public var outputs: [YAMLEntry]
    public var runs: Runs

    public init(path: String, name: String?, inputs: [InputDefinition], outputs: [YAMLEntry], runs: Runs) {
        self.path = path
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.runs = runs
    }
}
