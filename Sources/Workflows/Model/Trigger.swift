import Diagnostics

/// One event under `on:` with its filters and, for dispatch and call events, its inputs.
public struct Trigger: Sendable {
    public var event: String
    public var location: SourceLocation
    public var branches: [String]?
    public var branchesIgnore: [String]?
    public var tags: [String]?
    public var tagsIgnore: [String]?
    public var paths: [String]?
    public var pathsIgnore: [String]?
    public var types: [String]?
    /// `workflow_dispatch` / `workflow_call` inputs, in file order.
    public var inputs: [InputDefinition]
    /// `workflow_call` outputs: name and `value:` expression.
    public var outputs: [YAMLEntry]
    /// `schedule` cron lines.
    public var cron: [String]

    public init(event: String, location: SourceLocation) {
        self.event = event
        self.location = location
        self.inputs = []
        self.outputs = []
        self.cron = []
    }
}

/// An input of `workflow_dispatch`, `workflow_call` or an action.
public struct InputDefinition: Sendable {
    public var name: String
    public var location: SourceLocation
    /// `string`, `boolean`, `number`, `choice`, `environment`; nil when untyped.
    public var type: String?
    public var required: Bool
    public var defaultValue: YAMLValue?

    public init(name: String, location: SourceLocation, type: String?, required: Bool, defaultValue: YAMLValue?) {
        self.name = name
        self.location = location
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
    }
}
