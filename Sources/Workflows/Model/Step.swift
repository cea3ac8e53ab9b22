import Diagnostics

/// A step of a job or of a composite action.
public struct Step: Sendable {
    public var index: Int
    public var location: SourceLocation
    public var id: String?
    public var name: YAMLValue?
    public var condition: Condition?
    public var run: YAMLScalar?
    public var shell: YAMLValue?
    public var workingDirectory: YAMLValue?
    public var uses: YAMLScalar?
    public var with: [YAMLEntry]
    public var env: [YAMLEntry]
    public var continueOnError: YAMLValue?
    public var timeoutMinutes: YAMLValue?
    /// `background: true`: the step runs while the following steps go on.
    public var background: YAMLValue?
    /// `wait: id` / `wait: [ids]`: waits for those background steps.
    public var wait: [String]?
    /// `wait-all:`: waits for every background step started so far.
    public var waitAll = false
    /// `cancel: id`: stops a background step.
    public var cancel: String?
    /// `parallel:`: steps that run at the same time; the group ends when all have.
    public var parallel: [Step]?

    /// Whether the step only orders other steps (`wait`, `wait-all`, `cancel`, `parallel`).
    public var isControl: Bool { wait != nil || waitAll || cancel != nil || parallel != nil }

    public init(index: Int, location: SourceLocation) {
        self.index = index
        self.location = location
        self.with = []
        self.env = []
    }
}
