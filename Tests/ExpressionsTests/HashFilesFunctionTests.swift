import Expressions
import Testing

@Suite("hashFiles")
struct HashFilesFunctionTests {
    private struct DiskError: Error, CustomStringConvertible {
        var description: String { "disk unreadable" }
    }

    @Test("patterns are converted to strings and passed to the context's closure")
    func passesPatterns() throws {
        let context = EvaluationContext(hashFiles: { patterns in "hash of " + patterns.joined(separator: ";") })
        let value = try Expression.evaluate("hashFiles('**/*.lock', matrix.os, 1)", in: context)
        #expect(value == "hash of **/*.lock;;1")
    }

    @Test("without a closure hashFiles is an error at the call")
    func unavailable() throws {
        let expression = try Expression.parse("'key-' && hashFiles('a')")
        #expect(throws: ExpressionError(offset: 10, message: "hashFiles is not available here")) {
            try expression.evaluate(in: EvaluationContext())
        }
    }

    @Test("an error thrown by the closure becomes an error at the call")
    func closureFails() throws {
        let failing = EvaluationContext(hashFiles: { _ in throw DiskError() })
        #expect(throws: ExpressionError(offset: 0, message: "hashFiles failed: disk unreadable")) {
            try Expression.evaluate("hashFiles('x')", in: failing)
        }
        let rejecting = EvaluationContext(hashFiles: { _ in throw ExpressionError(offset: 0, message: "no match") })
        #expect(throws: ExpressionError(offset: 5, message: "no match")) {
            try Expression.evaluate("1 && hashFiles('x')", in: rejecting)
        }
    }
}
