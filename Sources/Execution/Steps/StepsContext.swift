import Expressions
import Foundation

/// The `steps` context of one job or composite action: each step's outputs, outcome and conclusion by id.
final class StepsContext: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Value] = [:]

    func record(id: String, outputs: [String: String], outcome: String, conclusion: String) {
        let entry: Value = .object([
            "outputs": .object(outputs.mapValues { .string($0) }),
            "outcome": .string(outcome),
            "conclusion": .string(conclusion),
        ])
        lock.withLock { entries[id] = entry }
    }

    func conclusion(of id: String) -> String? {
        lock.withLock { entries[id]?[property: "conclusion"].stringValue }
    }

    var value: Value { lock.withLock { .object(entries) } }
}

/// Steps started with `background: true`, by id, so `wait`, `wait-all` and `cancel` can find them.
final class BackgroundSteps: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [(id: String, task: Task<Void, Never>)] = []

    func add(_ id: String, _ task: Task<Void, Never>) {
        lock.withLock { tasks.append((id, task)) }
    }

    /// Removes and returns the tasks with these ids (all when `ids` is nil).
    func take(_ ids: [String]?) -> [Task<Void, Never>] {
        lock.withLock {
            let taken = tasks.filter { ids?.contains($0.id) ?? true }
            tasks.removeAll { ids?.contains($0.id) ?? true }
            return taken.map(\.task)
        }
    }
}
