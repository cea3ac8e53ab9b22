/// A parsed GitHub Actions expression: the text inside `${{ }}`, or a bare `if:` condition.
///
/// Parsing checks everything GitHub checks before a run starts (syntax, function names and argument counts,
/// context names), so a workflow can be rejected early; evaluation cannot fail except in functions that read
/// data (`fromJSON`, `format`, `hashFiles`).
public struct Expression: Sendable, Hashable {
    /// The text the expression was parsed from.
    public let source: String
    let root: Node
    private let statusFunctionCalled: Bool
    private let contexts: Set<String>

    /// Parses `source`.
    ///
    /// - Throws: `ExpressionError` whose offset counts characters into `source`, for example
    ///   `unknown context "foo"`, `unknown function "toJosn"`, `function "contains" takes 2 arguments, got 1`
    ///   or `unexpected token ")", expected an operand`.
    public static func parse(_ source: String) throws(ExpressionError) -> Expression {
        var parser = Parser(source)
        let root = try parser.parse()
        return Expression(source: source, root: root, contexts: parser.contexts)
    }

    private init(source: String, root: Node, contexts: Set<String>) {
        self.source = source
        self.root = root
        self.contexts = contexts
        statusFunctionCalled = root.callsStatusFunction
    }

    /// Whether `success()`, `failure()`, `cancelled()` or `always()` is called anywhere; when none is, GitHub
    /// evaluates an `if:` as `success() && (condition)`.
    public var usesStatusFunction: Bool { statusFunctionCalled }

    /// The lower-case names of the contexts the expression reads, such as `["matrix", "steps"]`.
    public var referencedContexts: Set<String> { contexts }

    /// The value of the expression in `context`.
    ///
    /// - Throws: `ExpressionError` pointing at the function call that failed: invalid JSON for `fromJSON`, a
    ///   malformed `format` string, or `hashFiles` where it is not available or fails.
    public func evaluate(in context: EvaluationContext) throws(ExpressionError) -> Value {
        try Evaluator(context: context).evaluate(root)
    }
}

extension Expression: CustomStringConvertible {
    /// The source text.
    public var description: String { source }
}
