import Foundation

/// The spec's `policy:`, checked before a deploy starts. Rollback, undo and abort are always allowed.
public struct DeployPolicy: Sendable, Hashable, Codable {
    /// Branch patterns a deployed version may come from (GitHub filter syntax, `!` excludes); empty allows all.
    public var branches: [String]
    /// Freeze windows.
    public var freeze: FreezeSchedule
    /// Required approvals.
    public var approvals: ApprovalRequirement?
    /// Time between the request and the start of the deploy.
    public var waitTimer: Duration?
    /// Environments that must be healthy.
    public var requires: [EnvironmentRequirement]

    /// A policy; the default allows everything.
    public init(
        branches: [String] = [], freeze: [FreezeWindow] = [], approvals: ApprovalRequirement? = nil,
        waitTimer: Duration? = nil, requires: [EnvironmentRequirement] = []
    ) {
        self.branches = branches
        self.freeze = FreezeSchedule(windows: freeze)
        self.approvals = approvals
        self.waitTimer = waitTimer
        self.requires = requires
    }
}

/// What someone asked for, as the policy sees it.
public struct DeployRequest: Sendable, Hashable, Codable {
    /// The kind of request.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A new version.
        case deploy
        /// The same version again after a failure.
        case retry
        /// Back to the previous version.
        case undo
        /// Back to the stable version after a failure.
        case rollback
        /// Stop a rollout.
        case abort

        /// Whether the policy never blocks it: moving back to a known-good version and stopping always work.
        public var isAlwaysAllowed: Bool { self == .undo || self == .rollback || self == .abort }
    }

    /// The kind.
    public var kind: Kind
    /// The version to deploy.
    public var version: String
    /// Who asked.
    public var deployer: String
    /// The branch the version was built from, when known.
    public var branch: String?
    /// When the request was made (approval windows and wait timers count from here).
    public var requestedAt: Date
    /// An override, if requested.
    public var breakGlass: BreakGlass?

    /// A request.
    public init(
        kind: Kind = .deploy, version: String, deployer: String, branch: String? = nil, requestedAt: Date,
        breakGlass: BreakGlass? = nil
    ) {
        self.kind = kind
        self.version = version
        self.deployer = deployer
        self.branch = branch
        self.requestedAt = requestedAt
        self.breakGlass = breakGlass
    }
}

/// What the controller observed for the policy: approvals so far and environment health results.
public struct PolicyFacts: Sendable, Hashable, Codable {
    /// Approvals given for this request.
    public var approvals: [Approval]
    /// One result per required environment, when checked.
    public var environmentHealth: [EnvironmentHealth]

    /// Facts with the given approvals and results.
    public init(approvals: [Approval] = [], environmentHealth: [EnvironmentHealth] = []) {
        self.approvals = approvals
        self.environmentHealth = environmentHealth
    }
}
