import Delivery
import Foundation
import MetricProviders
import Persistence

/// Owns one service's rollouts: feeds events to the pure `RolloutStateMachine` and carries out the actions it
/// returns — records first (written before the effect), then replicas, weights, timers and analyses.
public actor RolloutController {
    public let spec: RolloutSpec
    let target: any Target
    let router: any TrafficRouter
    let traffic: any TrafficSource
    let store: any DeliveryStore
    let metrics: MetricProviderConfiguration
    /// Tells the proxy where a role's replicas are (an empty list removes them).
    let publish: @Sendable (ReplicaRole, [ReplicaEndpoint]) async -> Void
    var machine: RolloutStateMachine?
    var deployment: DeploymentRecord?
    var timers: [TimerID: Task<Void, Never>] = [:]
    var analyses: [AnalysisRunID: Task<Void, Never>] = [:]
    var service: ServiceState
    /// The latest measurements of the current deployment, for `status`.
    var recentMeasurements: [MetricMeasurement] = []
    /// The replica group holding each role now.
    var groups: [ReplicaRole: ReplicaGroup] = [:]
    /// Where each group's replicas are, by group id.
    var endpoints: [String: [ReplicaEndpoint]] = [:]
    var groupSequence = 0
    /// The last deploy or scale asked of each group, by group id; the next one waits for it.
    var groupOperations: [String: Task<Void, Never>] = [:]
    /// A deployment the policy admitted pending approvals.
    var awaitingApproval: (record: DeploymentRecord, request: ApplyRequest)?
    /// Rollouts to begin and events to handle, in arrival order, each with whoever waits for it to be done;
    /// `working` while a task drains them.
    var work: [(item: Work, done: CheckedContinuation<Void, Never>?)] = []
    var working = false
    /// Set while `apply` checks and records a deploy, so a second one arriving meanwhile is refused.
    var admitting = false
    /// Counts traffic changes, so a background retry stops once a newer change was made.
    var weightChanges = 0
    /// The request behind the current deployment, for `retry` (branch and commit are not stored).
    var lastRequest: ApplyRequest?

    public init(
        spec: RolloutSpec, target: any Target, router: any TrafficRouter, traffic: any TrafficSource,
        store: any DeliveryStore, metrics: MetricProviderConfiguration,
        publish: @escaping @Sendable (ReplicaRole, [ReplicaEndpoint]) async -> Void
    ) {
        self.spec = spec
        self.target = target
        self.router = router
        self.traffic = traffic
        self.store = store
        self.metrics = metrics
        self.publish = publish
        self.service = ServiceState(stableVersion: nil)
    }

    /// The version being rolled out (or waiting for approval), if any.
    public var versionRollingOut: String? {
        if let machine, !machine.status.phase.isTerminal { return machine.status.version }
        return awaitingApproval?.record.version ?? work.lazy.compactMap(\.item.deployment).first?.version
    }

    /// Cancels the controller's timers and analyses (its runtime is being replaced or serve is stopping).
    public func shutdown() {
        for timer in timers.values { timer.cancel() }
        timers = [:]
        for analysis in analyses.values { analysis.cancel() }
        analyses = [:]
    }

    /// The rollout under way or the last one, with the service's versions.
    public func status() -> ServiceStatus {
        ServiceStatus(
            service: spec.service, environment: spec.environment, stableVersion: service.stableVersion,
            deployment: deployment, rollout: machine?.status, measurements: Array(recentMeasurements.suffix(10)))
    }

    /// Starts deploying `version` once the policy allows it: at once, or after approvals (the deployment then waits
    /// as `awaiting approval`). Throws `PolicyRefusal` when the policy denies it (a freeze window, a branch rule).
    public func apply(_ request: ApplyRequest) async throws -> DeploymentRecord {
        if let machine, !machine.status.phase.isTerminal {
            throw ControllerError(
                "\(spec.service) is already rolling out \(machine.status.version); abort or promote it first")
        }
        if let queued = work.lazy.compactMap(\.item.deployment).first {
            throw ControllerError("\(spec.service) is about to roll out \(queued.version); abort or promote it first")
        }
        // Checked and set before the first await: two deploys arriving together never both start.
        guard !admitting else {
            throw ControllerError("\(spec.service) is admitting another deploy; try again when it has started")
        }
        admitting = true
        defer { admitting = false }
        let decision = await evaluatePolicy(request, kind: .deploy)
        if decision.status == .denied { throw PolicyRefusal(decision: decision) }
        var record = DeploymentRecord(
            service: spec.service, environment: spec.environment, version: request.version,
            previousVersion: service.stableVersion, commit: request.commit, strategy: spec.strategy.kind,
            startedBy: request.by, startedAt: Date(),
            state: decision.status == .pending ? "awaiting approval: \(decision.message)" : "pending",
            breakGlassReason: decision.breakGlass.map { "\($0.by): \($0.reason)" })
        record = try await store.insertDeployment(record)
        lastRequest = request
        if let superseded = awaitingApproval?.record {
            awaitingApproval = nil
            await endWaiting(
                superseded, "superseded by deployment \(record.id) (\(record.version)) before it was approved")
        }
        if decision.status == .pending {
            deployment = record
            recentMeasurements = []
            awaitingApproval = (record, request)
            expireApproval(of: record)
            return record
        }
        await start(record)
        return deployment?.id == record.id ? deployment ?? record : record
    }

    /// Starts the rollout of an admitted deployment once the actions of earlier events are done, so it begins
    /// from the service as the last rollout left it.
    func start(_ record: DeploymentRecord) async {
        awaitingApproval = nil
        // Queued behind the last rollout's final actions; answers once it has begun, so `status` shows it.
        await enqueue(.begin(record))
    }

    /// A user's command: promote, pause, resume, abort, retry, undo.
    public func command(_ event: RolloutEvent) async throws {
        guard machine != nil else { throw ControllerError("\(spec.service) has no rollout to \(event.name)") }
        if case .retry = event, let version = machine?.status.version {
            // The same version from the same commit and branch, as the original request made it.
            var again = lastRequest ?? ApplyRequest(version: version, by: deployment?.startedBy ?? "gantry")
            again.version = version
            again.commit = again.commit ?? deployment?.commit
            again.breakGlassReason = nil
            _ = try await apply(again)
            return
        }
        await dispatch(event)
    }

    /// Feeds one event to the state machine and performs what it asks, in order.
    func dispatch(_ event: RolloutEvent) async {
        await enqueue(.event(event))
    }

    /// Does `item` after everything queued before it, and returns once its actions are performed. Performing an
    /// action awaits (a hook, `kubectl`, a store write) and the actor takes other calls meanwhile; without this
    /// queue a new rollout could start from a service state the last rollout's final actions had not yet written,
    /// or have its timers cancelled by them. The queue is drained by a task of its own, so cancelling a caller (a
    /// timer's task that `finish` cancels, a request whose client went away) never cancels the actions it queued.
    func enqueue(_ item: Work) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            work.append((item, done))
            startDraining()
        }
    }

    /// Queues `item` without waiting for it: for an action that must raise an event while the queue is busy with
    /// the action itself.
    func post(_ item: Work) {
        work.append((item, nil))
        startDraining()
    }

    private func startDraining() {
        guard !working else { return }
        working = true
        Task { await self.drain() }
    }

    private func drain() async {
        while !work.isEmpty {
            let (item, done) = work.removeFirst()
            let event: RolloutEvent
            switch item {
            case .begin(let record):
                deployment = record
                recentMeasurements = []
                machine = RolloutStateMachine(spec: spec, version: record.version, service: service)
                event = .start
            case .event(let next):
                event = next
            }
            if var current = machine {
                let actions = current.handle(event)
                machine = current
                for action in actions { await perform(action) }
                // After a rollout, later events (the warm version's scale-down) still change the service.
                if current.status.phase.isTerminal {
                    service = ServiceState(
                        stableVersion: current.status.stableVersion, previousVersion: current.status.previousVersion,
                        previousWarm: current.status.previousWarm)
                }
            }
            done?.resume()
        }
        working = false
    }
}

/// An item of a controller's queue: a rollout to begin, or an event for the current one.
enum Work: Sendable {
    case begin(DeploymentRecord)
    case event(RolloutEvent)

    /// The deployment a `begin` starts.
    var deployment: DeploymentRecord? {
        if case .begin(let record) = self { return record }
        return nil
    }
}

/// What `gantry deploy apply` asks for.
public struct ApplyRequest: Sendable, Codable {
    public var version: String
    public var by: String
    public var commit: String?
    public var branch: String?
    public var breakGlassReason: String?

    public init(
        version: String, by: String, commit: String? = nil, branch: String? = nil, breakGlassReason: String? = nil
    ) {
        self.version = version
        self.by = by
        self.commit = commit
        self.branch = branch
        self.breakGlassReason = breakGlassReason
    }
}

/// A service's state for `gantry deploy status`.
public struct ServiceStatus: Sendable, Codable {
    public var service: String
    public var environment: String
    public var stableVersion: String?
    public var deployment: DeploymentRecord?
    public var rollout: RolloutStatus?
    public var measurements: [MetricMeasurement]
}

/// A controller request that cannot be carried out now.
public struct ControllerError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
