extension AnalysisCondition {
    /// What a condition says about one measurement.
    public enum Evaluation: Sendable, Hashable {
        /// The condition holds or not.
        case value(Bool)
        /// A name it reads has no value in this measurement (no baseline measured, no data).
        case missing(String)
    }

    private enum Intermediate {
        case number(Double)
        case boolean(Bool)
    }

    private struct Missing: Error {
        var name: String
    }

    /// Evaluates the condition with `result`, `baseline` and `stable` bound; NaN compares false, as in IEEE 754.
    public func evaluate(result: Double?, baseline: Double? = nil, stable: Double? = nil) -> Evaluation {
        let bindings = ["result": result, "baseline": baseline, "stable": stable]
        do throws(Missing) {
            if case .boolean(let holds) = try Self.evaluate(root, bindings) { return .value(holds) }
            return .value(false)
        } catch {
            return .missing(error.name)
        }
    }

    private static func evaluate(_ node: Node, _ bindings: [String: Double?]) throws(Missing) -> Intermediate {
        switch node {
        case .number(let number): return .number(number)
        case .boolean(let boolean): return .boolean(boolean)
        case .name(let name):
            guard let bound = bindings[name], let value = bound else { throw Missing(name: name) }
            return .number(value)
        case .negate(let inner): return .number(-(try number(inner, bindings)))
        case .not(let inner): return .boolean(!(try boolean(inner, bindings)))
        case .arithmetic(let op, let left, let right):
            let a = try number(left, bindings)
            let b = try number(right, bindings)
            switch op {
            case "+": return .number(a + b)
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            default: return .number(a / b)
            }
        case .comparison(let op, let left, let right):
            let a = try number(left, bindings)
            let b = try number(right, bindings)
            switch op {
            case "==": return .boolean(a == b)
            case "!=": return .boolean(a != b)
            case "<": return .boolean(a < b)
            case "<=": return .boolean(a <= b)
            case ">": return .boolean(a > b)
            default: return .boolean(a >= b)
            }
        case .and(let left, let right):
            guard try boolean(left, bindings) else { return .boolean(false) }
            return .boolean(try boolean(right, bindings))
        case .or(let left, let right):
            if try boolean(left, bindings) { return .boolean(true) }
            return .boolean(try boolean(right, bindings))
        case .call(let name, let arguments):
            var values: [Double] = []
            for argument in arguments { values.append(try number(argument, bindings)) }
            switch name {
            case "abs": return .number(abs(values[0]))
            case "min": return .number(min(values[0], values[1]))
            default: return .number(max(values[0], values[1]))
            }
        }
    }

    private static func number(_ node: Node, _ bindings: [String: Double?]) throws(Missing) -> Double {
        if case .number(let value) = try evaluate(node, bindings) { return value }
        return .nan
    }

    private static func boolean(_ node: Node, _ bindings: [String: Double?]) throws(Missing) -> Bool {
        if case .boolean(let value) = try evaluate(node, bindings) { return value }
        return false
    }
}
