import Diagnostics
import Expressions

/// An `if:` condition. GitHub reads it as an expression whether or not it is wrapped in `${{ }}`.
public struct Condition: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        /// A bare or fully wrapped expression.
        case expression(Expression)
        /// Text with embedded `${{ }}` parts: true when the result is a non-empty string.
        case template(Template)
    }

    public var form: Form
    public var scalar: YAMLScalar

    public init(form: Form, scalar: YAMLScalar) {
        self.form = form
        self.scalar = scalar
    }

    /// Whether the condition calls a status function; if not, GitHub implicitly requires `success()`.
    public var usesStatusFunction: Bool {
        switch form {
        case .expression(let expression): expression.usesStatusFunction
        case .template(let template):
            template.segments.contains {
                if case .expression(let expression, _) = $0 { return expression.usesStatusFunction }
                return false
            }
        }
    }

    /// Parses `scalar` as a condition; a syntax error is located in the YAML file.
    public static func parse(_ scalar: YAMLScalar) -> Result<Condition, Diagnostic> {
        let text = scalar.text
        let trimmed = text.trimmingWhitespace()
        do throws(ExpressionError) {
            if trimmed.hasPrefix("${{") && trimmed.hasSuffix("}}") {
                let template = try Template.parse(text)
                if case .expression(let expression, _)? = template.segments.first(where: { if case .literal(let l) = $0 { return !l.trimmingWhitespace().isEmpty } else { return true } }),
                    template.segments.filter({ if case .expression = $0 { return true } else { return false } }).count == 1
                {
                    return .success(Condition(form: .expression(expression), scalar: scalar))
                }
                return .success(Condition(form: .template(template), scalar: scalar))
            }
            if text.contains("${{") {
                return .success(Condition(form: .template(try Template.parse(text)), scalar: scalar))
            }
            return .success(Condition(form: .expression(try Expression.parse(text)), scalar: scalar))
        } catch {
            return .failure(
                Diagnostic(.error, at: scalar.location(ofOffset: error.offset), error.message, rule: "expression"))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
