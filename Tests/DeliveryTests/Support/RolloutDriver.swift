import Delivery
import Testing

/// A fake controller: performs a state machine's actions instantly on a virtual clock, reports replicas ready,
/// fires timers in order and answers analyses with scripted verdicts. Checks on every call that a status change
/// is recorded before any other action.
struct RolloutDriver {
    var machine: RolloutStateMachine
    /// Virtual time since the start.
    var now: Duration = .zero
    /// Every action, in order.
    var log: [RolloutAction] = []
    /// Verdicts per template, consumed in order; pass when none are left.
    var verdicts: [String: [Verdict]] = [:]
    /// Templates whose runs never report, like background analysis with no count.
    var silentTemplates: Set<String> = []
    /// Replicas per role as the controller sees them.
    var replicas: [ReplicaRole: (version: String, count: Int)] = [:]
    private var queue: [RolloutEvent] = []
    private var timers: [(at: Duration, id: TimerID)] = []

    init(_ spec: RolloutSpec, version: String = "v2", stable: String? = "v1") {
        machine = RolloutStateMachine(spec: spec, version: version, service: ServiceState(stableVersion: stable))
        if let stable { replicas[.stable] = (stable, spec.replicas) }
    }

    var status: RolloutStatus { machine.status }

    /// Sends one event and performs its actions (queuing the events they cause); returns the actions.
    @discardableResult
    mutating func send(_ event: RolloutEvent, sourceLocation: SourceLocation = #_sourceLocation) -> [RolloutAction] {
        let before = machine.status
        let actions = machine.handle(event)
        if machine.status != before {
            guard case .record(let transition) = actions.first else {
                Issue.record(
                    "\(event.name) changed the status without recording first: \(actions)",
                    sourceLocation: sourceLocation)
                return actions
            }
            #expect(transition.status == machine.status, sourceLocation: sourceLocation)
        }
        #expect(
            actions.dropFirst().allSatisfy { if case .record = $0 { false } else { true } },
            sourceLocation: sourceLocation)
        log += actions
        for action in actions { perform(action) }
        return actions
    }

    /// Delivers queued events and fires timers until nothing is left or `stop` says so.
    mutating func run(
        until stop: (RolloutDriver) -> Bool = { $0.status.phase.isTerminal || $0.status.phase == .paused }
    ) {
        var steps = 0
        while !stop(self), steps < 10_000 {
            steps += 1
            if !queue.isEmpty {
                send(queue.removeFirst())
            } else if let next = timers.min(by: { $0.at < $1.at }) {
                timers.removeAll { $0.id == next.id }
                now = max(now, next.at)
                send(.timerFired(next.id))
            } else {
                return
            }
        }
    }

    /// Starts the rollout and runs it until it ends or pauses.
    mutating func startAndRun() {
        send(.start)
        run()
    }

    /// Fires the earliest pending timer of `purpose`.
    mutating func fire(_ purpose: TimerID.Purpose) {
        guard let timer = timers.filter({ $0.id.purpose == purpose }).min(by: { $0.at < $1.at }) else {
            Issue.record("no \(purpose) timer is pending")
            return
        }
        timers.removeAll { $0.id == timer.id }
        now = max(now, timer.at)
        send(.timerFired(timer.id))
    }

    var pendingTimers: [TimerID] { timers.map(\.id) }

    /// Weight changes in order.
    var weightChanges: [[ReplicaRole: Int]] {
        log.compactMap { if case .setWeights(let weights) = $0 { weights } else { nil } }
    }

    /// Stored transitions in order.
    var records: [RolloutTransition] {
        log.compactMap { if case .record(let transition) = $0 { transition } else { nil } }
    }

    /// Analyses started, in order.
    var analysesStarted: [AnalysisRunID] {
        log.compactMap { if case .startAnalysis(let id, _) = $0 { id } else { nil } }
    }

    private mutating func perform(_ action: RolloutAction) {
        switch action {
        case .startReplicas(let version, let role, let count):
            replicas[role] = (version, count)
            queue.append(.replicasReady(role))
        case .scaleReplicas(let role, let count):
            let before = replicas[role]?.count ?? 0
            replicas[role]?.count = count
            if count > before { queue.append(.replicasReady(role)) }
        case .stopReplicas(let role, _):
            replicas[role] = nil
        case .relabel(let role, let newRole):
            replicas[newRole] = replicas[role]
            replicas[role] = nil
        case .startTimer(let id, let duration):
            timers.append((now + duration, id))
        case .cancelTimer(let id):
            timers.removeAll { $0.id == id }
        case .startAnalysis(let id, _):
            guard !silentTemplates.contains(id.template) else { return }
            var scripted = verdicts[id.template] ?? []
            let verdict = scripted.isEmpty ? Verdict.pass : scripted.removeFirst()
            verdicts[id.template] = scripted
            queue.append(.analysisCompleted(id, Specs.outcome(verdict, template: id.template)))
        case .stopAnalysis(let id):
            queue.removeAll { if case .analysisCompleted(let queued, _) = $0 { queued == id } else { false } }
        case .record, .setWeights, .finish:
            break
        }
    }
}
