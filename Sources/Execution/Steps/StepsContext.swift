import Expressions

/// The `steps` context of one job or composite action: each step's outputs, outcome and conclusion by id.
final class StepsContext: @unchecked Sendable {
    private(set) var entries: [String: Value] = [:]

    func record(id: String, outputs: [String: String], outcome: String, conclusion: String) {
        entries[id] = .object([
            "outputs": .object(outputs.mapValues { .string($0) }),
            "outcome": .string(outcome),
            "conclusion": .string(conclusion),
        ])
    }

    func outputs(of id: String) -> Value { entries[id]?[property: "outputs"] ?? .object([:]) }

    var value: Value { .object(entries) }
}
