import Diagnostics
import Expressions

/// Every `${{ }}` in the workflow must parse: known contexts, known functions with the right number of arguments.
public struct ExpressionSyntaxRule: Rule {
    public static let id = "expression"

    public init() {}

    public func check(_ workflow: Workflow) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        Self.walk(workflow.document, underKey: nil, into: &diagnostics)
        return diagnostics
    }

    /// Checks every scalar below `value`; `if:` values are skipped because the parser already checked them as conditions.
    static func walk(_ value: YAMLValue, underKey key: String?, into diagnostics: inout [Diagnostic]) {
        switch value {
        case .null: return
        case .scalar(let scalar):
            if key != "if" { check(scalar, into: &diagnostics) }
        case .sequence(let items, _):
            for item in items { walk(item, underKey: nil, into: &diagnostics) }
        case .mapping(let entries, _):
            for entry in entries {
                check(entry.key, into: &diagnostics)
                walk(entry.value, underKey: entry.key.text, into: &diagnostics)
            }
        }
    }

    static func check(_ scalar: YAMLScalar, into diagnostics: inout [Diagnostic]) {
        guard scalar.text.contains("${{") else { return }
        do {
            _ = try Template.parse(scalar.text)
        } catch {
            diagnostics.append(Diagnostic(.error, at: scalar.location(ofOffset: error.offset), error.message, rule: id))
        }
    }
}
