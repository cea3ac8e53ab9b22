import Diagnostics
import Expressions

/// A matrix written without expressions must expand to at least one combination.
public struct MatrixRule: Rule {
    public static let id = "matrix"

    public init() {}

    public func check(_ workflow: Workflow) -> [Diagnostic] {
        workflow.jobs.compactMap { job in
            guard let matrix = job.strategy?.matrix else { return nil }
            guard let entries = matrix.entries else {
                if let scalar = matrix.scalar, scalar.text.contains("${{") { return nil }
                return Diagnostic(.error, at: matrix.location, "\"matrix\" must be a mapping or an expression", rule: Self.id)
            }
            if Self.containsExpression(matrix) { return nil }
            let expanded = Matrix(object: objectValue(of: matrix), order: entries.map(\.key.text)).expand()
            guard expanded.isEmpty else { return nil }
            return Diagnostic(
                .error, at: matrix.location, "the matrix of job \"\(job.id)\" expands to no combinations, so the job would never run",
                rule: Self.id)
        }
    }

    func objectValue(of matrix: YAMLValue) -> [String: Value] {
        if case .object(let object) = matrix.literalValue { return object }
        return [:]
    }

    static func containsExpression(_ value: YAMLValue) -> Bool {
        switch value {
        case .null: false
        case .scalar(let scalar): scalar.text.contains("${{")
        case .sequence(let items, _): items.contains(where: containsExpression)
        case .mapping(let entries, _): entries.contains { $0.key.text.contains("${{") || containsExpression($0.value) }
        }
    }
}
