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

    public init(index: Int, location: SourceLocation) {
        self.index = index
        self.location = location
        self.with = []
        self.env = []
    }
}
