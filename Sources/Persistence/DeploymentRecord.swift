import Foundation

/// How a deployment ended.
public enum DeploymentOutcome: String, Sendable, Codable, Hashable, CaseIterable {
    /// The new version was fully promoted.
    case success
    /// Gantry stopped it: an analysis failed, or its replicas never became ready (a hook failed). Traffic went back
    /// to the stable version automatically; the reason and the evidence say which.
    case failed
    /// A person undid it (`gantry deploy undo`), during the rollout or after its promotion.
    case rolledBack = "rolled_back"
    /// A person aborted it, or a restart interrupted it.
    case aborted
}

/// One deployment of a version of a service to an environment, from the request to its end.
public struct DeploymentRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var service: String
    public var environment: String
    public var version: String
    /// The version that was serving when this one started (what `undo` returns to).
    public var previousVersion: String?
    public var commit: String?
    public var strategy: String
    /// Who asked for it.
    public var startedBy: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// The state users see in `gantry deploy status` (`canary 25%`, `paused`, `analysing`, ...).
    public var state: String
    public var outcome: DeploymentOutcome?
    public var reason: String?
    /// Set when a policy check was overridden with `--break-glass`.
    public var breakGlassReason: String?

    public init(
        id: Int64 = 0, service: String, environment: String, version: String, previousVersion: String?,
        commit: String?, strategy: String, startedBy: String, startedAt: Date, finishedAt: Date? = nil,
        state: String, outcome: DeploymentOutcome? = nil, reason: String? = nil, breakGlassReason: String? = nil
    ) {
        self.id = id
        self.service = service
        self.environment = environment
        self.version = version
        self.previousVersion = previousVersion
        self.commit = commit
        self.strategy = strategy
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.state = state
        self.outcome = outcome
        self.reason = reason
        self.breakGlassReason = breakGlassReason
    }
}

/// A state change of a deployment, stored before it takes effect.
public struct TransitionRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var deploymentID: Int64
    public var at: Date
    public var from: String
    public var to: String
    /// What the controller is about to do, as JSON (weights, replicas, the verdict that caused it).
    public var detail: String

    public init(id: Int64 = 0, deploymentID: Int64, at: Date, from: String, to: String, detail: String) {
        self.id = id
        self.deploymentID = deploymentID
        self.at = at
        self.from = from
        self.to = to
        self.detail = detail
    }
}

/// One analysis measurement with everything needed to explain and replay the decision it fed.
public struct MeasurementRecord: Sendable, Codable, Hashable {
    public var id: Int64
    public var deploymentID: Int64
    public var at: Date
    public var template: String
    public var metric: String
    public var provider: String
    public var query: String
    public var raw: String
    public var value: Double?
    public var condition: String
    /// `pass`, `fail`, `inconclusive`, `noData` or `error`.
    public var verdict: String

    public init(
        id: Int64 = 0, deploymentID: Int64, at: Date, template: String, metric: String, provider: String, query: String,
        raw: String, value: Double?, condition: String, verdict: String
    ) {
        self.id = id
        self.deploymentID = deploymentID
        self.at = at
        self.template = template
        self.metric = metric
        self.provider = provider
        self.query = query
        self.raw = raw
        self.value = value
        self.condition = condition
        self.verdict = verdict
    }
}

/// An approval given to a deployment waiting for approvals.
public struct ApprovalRecord: Sendable, Codable, Hashable {
    public var deploymentID: Int64
    public var approver: String
    public var at: Date

    public init(deploymentID: Int64, approver: String, at: Date) {
        self.deploymentID = deploymentID
        self.approver = approver
        self.at = at
    }
}
