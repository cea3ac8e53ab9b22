import Expressions
import Testing

@Suite("format")
struct FormatFunctionTests {
    @Test(
        "placeholders are replaced by arguments converted to strings",
        arguments: [
            ("format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat')", "Hello Mona the Octocat"),
            ("format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat')", "{Hello Mona the Octocat!}"),
            ("format('{0}{0}', 'a')", "aa"),
            ("format('{1}-{0}', 'a', 'b')", "b-a"),
            ("format('no placeholders')", "no placeholders"),
            ("format('{{}}')", "{}"),
            ("format('{{0}}', 'x')", "{0}"),
            ("format('{00}', 'x')", "x"),
            ("format('{0}|{1}|{2}|{3}', null, true, 1.50, fromJSON('[]'))", "|true|1.5|Array"),
            ("format('{0}', 1e15)", "1E+15"),
            ("format('ünï {0} ✓', 'cödé')", "ünï cödé ✓"),
            ("format(1, 2)", "1"),
        ] as [(String, Value)]
    )
    func replaces(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "malformed format strings are errors at the call",
        arguments: [
            ("format('{0}')", "format string \"{0}\" refers to {0}, but only 0 values follow it"),
            ("format('{1}', 'a')", "format string \"{1}\" refers to {1}, but only 1 value follows it"),
            ("format('{', 1)", "invalid format string \"{\", expected \"{N}\", \"{{\" or \"}}\""),
            ("format('{0', 1)", "invalid format string \"{0\", expected \"{N}\", \"{{\" or \"}}\""),
            ("format('{a}', 1)", "invalid format string \"{a}\", expected \"{N}\", \"{{\" or \"}}\""),
            ("format('{}', 1)", "invalid format string \"{}\", expected \"{N}\", \"{{\" or \"}}\""),
            ("format('{256}', 1)", "invalid format string \"{256}\", expected \"{N}\", \"{{\" or \"}}\""),
            ("format('a } b', 1)", "invalid format string \"a } b\", expected \"}}\" for a literal \"}\""),
            ("format('{0:x}', 1)", "format specifiers \"x\" are not supported in \"{0:x}\""),
        ]
    )
    func errors(source: String, message: String) throws {
        let expression = try Expression.parse("  " + source)
        #expect(throws: ExpressionError(offset: 2, message: message)) {
            try expression.evaluate(in: .sample)
        }
    }

    @Test("arguments the format string does not use are not evaluated")
    func unusedArgumentsAreNotEvaluated() throws {
        #expect(try Expression.evaluate("format('{0}', 'used', fromJSON('not json'))") == "used")
    }
}
