/// A string that may embed expressions as `${{ expression }}`, such as a `run:` script or an `env:` value.
///
/// Expressions end at the first `}}` outside a single-quoted string, as GitHub's template reader finds them;
/// text outside them is kept exactly, with no escapes.
public struct Template: Sendable, Hashable {
    /// A piece of a template: literal text or an embedded expression.
    public enum Segment: Sendable, Hashable {
        /// Text copied as is.
        case literal(String)
        /// An expression; `offset` is the character offset of its `${{` in the template text.
        case expression(Expression, offset: Int)
    }

    /// The pieces in order; adjacent literals are never split.
    public let segments: [Segment]
    /// For each expression segment in order, the character offset of its source in the template text.
    private let sourceOffsets: [Int]

    /// Splits `text` into literal text and expressions, parsing each expression.
    ///
    /// - Throws: `ExpressionError` with an offset into `text`: at the `${{` of an expression that is not closed
    ///   or is empty, or at the offending token inside an expression.
    public static func parse(_ text: String) throws(ExpressionError) -> Template {
        let (segments, sourceOffsets) = try TemplateScanner(text).scan()
        return Template(segments: segments, sourceOffsets: sourceOffsets)
    }

    /// Whether the template has no expressions, so evaluating it always gives its text.
    public var isLiteral: Bool {
        !segments.contains { segment in
            if case .expression = segment { return true }
            return false
        }
    }

    /// The text with every expression replaced by its value converted with `Value.stringValue`.
    ///
    /// - Throws: `ExpressionError` from an expression, with its offset moved into the template text.
    public func evaluate(in context: EvaluationContext) throws(ExpressionError) -> String {
        var output = ""
        var expressionIndex = 0
        for segment in segments {
            switch segment {
            case .literal(let text):
                output += text
            case .expression(let expression, _):
                output += try value(of: expression, at: expressionIndex, in: context).stringValue
                expressionIndex += 1
            }
        }
        return output
    }

    /// The value of the template: when it is one expression with nothing but white space around it, that
    /// expression's value (so `${{ fromJSON('[1]') }}` is an array); otherwise the text `evaluate` gives.
    public func evaluateValue(in context: EvaluationContext) throws(ExpressionError) -> Value {
        if let expression = soleExpression {
            return try value(of: expression, at: 0, in: context)
        }
        return .string(try evaluate(in: context))
    }

    private func value(
        of expression: Expression, at expressionIndex: Int, in context: EvaluationContext
    ) throws(ExpressionError) -> Value {
        do {
            return try expression.evaluate(in: context)
        } catch {
            throw error.shifted(by: sourceOffsets[expressionIndex])
        }
    }

    private var soleExpression: Expression? {
        var found: Expression?
        for segment in segments {
            switch segment {
            case .literal(let text):
                guard text.allSatisfy(\.isWhitespace) else { return nil }
            case .expression(let expression, _):
                guard found == nil else { return nil }
                found = expression
            }
        }
        return found
    }
}

extension Template: CustomStringConvertible {
    /// The template text, with each expression written back as `${{ source }}`.
    public var description: String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .expression(let expression, _): "${{ \(expression.source) }}"
            }
        }.joined()
    }
}
