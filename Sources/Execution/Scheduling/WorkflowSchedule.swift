import Expressions
import Persistence

/// The order of a workflow's jobs as a pure state machine: a job starts when every job it needs has finished.
///
/// No clocks, processes or tasks: feed it events, act on the actions it returns.
struct WorkflowSchedule: Sendable {
    enum Event: Equatable {
        case start
        case finished(String, Conclusion)
    }

    enum Action: Equatable {
        case startJob(String)
        case complete
    }

    private let order: [String]
    private let needs: [String: [String]]
    private(set) var results: [String: Conclusion] = [:]
    private var started: Set<String> = []
    private var completed = false

    /// `jobs` in file order with the ids each one needs; needs outside the list are ignored.
    init(jobs: [(id: String, needs: [String])]) {
        order = jobs.map(\.id)
        let known = Set(order)
        needs = Dictionary(jobs.map { ($0.id, $0.needs.filter(known.contains)) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func handle(_ event: Event) -> [Action] {
        if case .finished(let id, let conclusion) = event { results[id] = conclusion }
        var actions: [Action] = []
        for id in order where !started.contains(id) && (needs[id] ?? []).allSatisfy({ results[$0] != nil }) {
            started.insert(id)
            actions.append(.startJob(id))
        }
        if !completed && results.count == order.count {
            completed = true
            actions.append(.complete)
        }
        return actions
    }

    /// The status `success()` / `failure()` see for a job: over every job it needs, directly or not.
    func status(for id: String) -> JobStatus {
        var seen: Set<String> = []
        var stack = needs[id] ?? []
        var allSucceeded = true
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            switch results[next] {
            case .failure?: return .failure
            case .cancelled?: return .cancelled
            case .success?: break
            default: allSucceeded = false
            }
            stack += needs[next] ?? []
        }
        return allSucceeded ? .success : .skipped
    }
}
