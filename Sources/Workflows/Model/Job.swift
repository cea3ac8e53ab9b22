import Diagnostics

/// A job: either steps run on a runner, or a call of a reusable workflow (`uses:`).
public struct Job: Sendable {
    /// How a called workflow gets secrets.
    public enum Secrets: Sendable {
        case none
        case inherit
        case mapped([YAMLEntry])
    }

    public var id: String
    public var location: SourceLocation
    public var name: YAMLValue?
    public var needs: [YAMLScalar]
    public var condition: Condition?
    public var runsOn: YAMLValue?
    public var strategy: Strategy?
    public var continueOnError: YAMLValue?
    public var timeoutMinutes: YAMLValue?
    public var outputs: [YAMLEntry]
    public var env: [YAMLEntry]
    public var defaults: RunDefaults
    public var steps: [Step]
    public var uses: YAMLScalar?
    public var with: [YAMLEntry]
    public var secrets: Secrets
    /// Set when the job asks for a container or services, which need an engine Gantry does not assume.
    public var container: YAMLValue?
    public var services: YAMLValue?

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
        self.needs = []
        self.outputs = []
        self.env = []
        self.defaults = RunDefaults()
        self.steps = []
        self.with = []
        self.secrets = .none
    }

    /// The ids of the jobs this one needs, in order.
    public var needIDs: [String] { needs.map(\.text) }
}

/// `strategy:` of a job.
public struct Strategy: Sendable {
    public var matrix: YAMLValue?
    public var failFast: YAMLValue?
    public var maxParallel: YAMLValue?
    public var location: SourceLocation

    public init(matrix: YAMLValue?, failFast: YAMLValue?, maxParallel: YAMLValue?, location: SourceLocation) {
        self.matrix = matrix
        self.failFast = failFast
        self.maxParallel = maxParallel
        self.location = location
    }
}
