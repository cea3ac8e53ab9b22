import Diagnostics
import Expressions

extension YAMLValue {
    /// The value with YAML's core schema applied to plain scalars and no expressions evaluated.
    public var literalValue: Value {
        switch self {
        case .null: return .null
        case .scalar(let scalar): return scalar.literalValue
        case .sequence(let items, _): return .array(items.map(\.literalValue))
        case .mapping(let entries, _):
            return .object(Dictionary(entries.map { ($0.key.text, $0.value.literalValue) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// The value with every `${{ }}` evaluated; a scalar that is exactly one expression keeps the expression's type.
    public func evaluate(in context: EvaluationContext) throws(EvaluationFailure) -> Value {
        switch self {
        case .null: return .null
        case .scalar(let scalar): return try scalar.evaluate(in: context)
        case .sequence(let items, _):
            var values: [Value] = []
            for item in items { values.append(try item.evaluate(in: context)) }
            return .array(values)
        case .mapping(let entries, _):
            var object: [String: Value] = [:]
            for entry in entries {
                object[try entry.key.evaluateString(in: context)] = try entry.value.evaluate(in: context)
            }
            return .object(object)
        }
    }

    /// The evaluated value coerced to a string, as env values and inputs are.
    public func evaluateString(in context: EvaluationContext) throws(EvaluationFailure) -> String {
        if case .scalar(let scalar) = self { return try scalar.evaluateString(in: context) }
        return try evaluate(in: context).stringValue
    }
}

extension YAMLScalar {
    /// Plain `true`, `false`, numbers and nulls are typed as YAML 1.2's core schema says; everything else is a string.
    public var literalValue: Value {
        guard style == .plain else { return .string(text) }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "Null", "NULL", "~", "": return .null
        default:
            if let number = Double(text), text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true {
                return .number(number)
            }
            return .string(text)
        }
    }

    /// The scalar with its expressions evaluated; a lone expression keeps its type.
    public func evaluate(in context: EvaluationContext) throws(EvaluationFailure) -> Value {
        guard text.contains("${{") else { return literalValue }
        do {
            return try Template.parse(text).evaluateValue(in: context)
        } catch {
            throw EvaluationFailure(location: location(ofOffset: error.offset), message: error.message)
        }
    }

    /// The scalar with its expressions evaluated and coerced to a string.
    public func evaluateString(in context: EvaluationContext) throws(EvaluationFailure) -> String {
        guard text.contains("${{") else { return text }
        do {
            return try Template.parse(text).evaluate(in: context)
        } catch {
            throw EvaluationFailure(location: location(ofOffset: error.offset), message: error.message)
        }
    }
}

extension Condition {
    /// Evaluates the condition; without a status function GitHub requires `success()` as well.
    public func evaluate(in context: EvaluationContext) throws(EvaluationFailure) -> Bool {
        if !usesStatusFunction && context.status != .success { return false }
        do {
            switch form {
            case .expression(let expression): return try expression.evaluate(in: context).isTruthy
            case .template(let template): return try template.evaluateValue(in: context).isTruthy
            }
        } catch {
            throw EvaluationFailure(location: scalar.location(ofOffset: error.offset), message: error.message)
        }
    }
}

/// An expression that failed while running (for example `fromJSON` of invalid text), with its place in the file.
public struct EvaluationFailure: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
