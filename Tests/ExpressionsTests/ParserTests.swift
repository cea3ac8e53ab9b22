import Expressions
import Testing

@Suite("Parser")
struct ParserTests {
    @Test(
        "valid expressions parse",
        arguments: [
            "github.event_name == 'push'",
            "  github.sha  ",
            "inputs.my-val",
            "steps.set-1.outputs.x",
            "env.test-env-input",
            "GitHub.Event_Name",
            "github.event.commits.*.author.name",
            "github.event.commits[*].message",
            "github['ref'][0]",
            "(github.event).commits[0]",
            "fromJSON('[1]')[0]",
            "toJson(github) != ''",
            "!!(matrix.os && (needs.build.result == 'success' || always()))",
            "contains(fromJSON('[\"a\"]'), 'a') && startsWith(github.ref, 'refs/tags/')",
            "format('{0}', 1, 2, 3)",
            "success()",
            "github.event.null.true",
            "1 < 2 <= 3 > 0 >= -1",
            "NaN != Infinity",
            "hashFiles('**/package-lock.json', '!node_modules')",
        ]
    )
    func valid(source: String) throws {
        let expression = try Expression.parse(source)
        #expect(expression.source == source)
    }

    @Test(
        "invalid expressions are rejected at the offending token",
        arguments: [
            ("", 0, "unexpected end of expression, expected an operand"),
            (")", 0, "unexpected token \")\", expected an operand"),
            ("1 ==", 4, "unexpected end of expression, expected an operand"),
            ("foo.bar", 0, "unknown context \"foo\""),
            ("github.sha == bar", 14, "unknown context \"bar\""),
            ("toJosn(github)", 0, "unknown function \"toJosn\""),
            ("github (1)", 0, "unknown function \"github\""),
            ("contains('a')", 0, "function \"contains\" takes 2 arguments, got 1"),
            ("1 && toJSON(1, 2)", 5, "function \"toJSON\" takes 1 argument, got 2"),
            ("success(1)", 0, "function \"success\" takes no arguments, got 1"),
            ("join()", 0, "function \"join\" takes 1 or 2 arguments, got 0"),
            ("format()", 0, "function \"format\" takes at least 1 argument, got 0"),
            (
                "\"push\" == github.event_name", 0,
                "unexpected double-quoted string, expected a single-quoted string such as 'text'"
            ),
            ("github.ref == 'main", 14, "unterminated string literal, expected a closing \"'\""),
            ("1 = 1", 2, "unexpected token \"=\", expected \"==\""),
            (
                "github.sha github.ref", 11,
                "unexpected token \"github\", expected an operator or the end of the expression"
            ),
            ("(1 == 1", 7, "unexpected end of expression, expected an operator or \")\""),
            ("()", 1, "unexpected token \")\", expected an operand"),
            ("github.event.commits[0", 22, "unexpected end of expression, expected an operator or \"]\""),
            ("github.", 7, "unexpected end of expression, expected a property name or \"*\""),
            ("github.1", 7, "unexpected token \"1\", expected a property name or \"*\""),
            ("1.2.3 == 1", 0, "invalid number \"1.2.3\""),
            ("- 1", 0, "invalid number \"-\""),
            ("contains('a' 'b')", 13, "unexpected token \"'b'\", expected an operator, \",\" or \")\""),
            ("format('a',)", 11, "unexpected token \")\", expected an operand"),
            ("'abc'.length", 5, "unexpected token \".\", expected an operator or the end of the expression"),
            ("'abc'[0]", 5, "unexpected token \"[\", expected an operator or the end of the expression"),
            ("*", 0, "unexpected token \"*\", expected an operand"),
            ("!", 1, "unexpected end of expression, expected an operand"),
            ("github[*", 7, "unexpected token \"*\", expected an operand"),
            ("github.event.@x", 13, "unexpected token \"@x\""),
            ("'héllo' == )", 11, "unexpected token \")\", expected an operand"),
        ]
    )
    func invalid(source: String, offset: Int, message: String) {
        #expect(throws: ExpressionError(offset: offset, message: message)) {
            try Expression.parse(source)
        }
    }

    @Test("a tree deeper than GitHub's 50 levels is rejected")
    func depthLimit() throws {
        let message = "expression is nested deeper than 50 levels"
        _ = try Expression.parse(String(repeating: "!", count: 49) + "true")
        #expect(throws: ExpressionError(offset: 0, message: message)) {
            try Expression.parse(String(repeating: "!", count: 50) + "true")
        }
        let parentheses = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(throws: ExpressionError(offset: 100, message: message)) {
            try Expression.parse(parentheses)
        }
    }

    @Test(
        "referenced contexts are reported in lower case",
        arguments: [
            ("matrix.os == 'linux' && steps.a.outputs.b", ["matrix", "steps"]),
            ("GITHUB.sha", ["github"]),
            ("format('{0}', Needs.build.result, inputs.x)", ["needs", "inputs"]),
            ("1 == 1", []),
            ("github", ["github"]),
        ] as [(String, Set<String>)]
    )
    func referencedContexts(source: String, expected: Set<String>) throws {
        #expect(try Expression.parse(source).referencedContexts == expected)
    }

    @Test(
        "status function use is found anywhere in the tree",
        arguments: [
            ("success()", true),
            ("always()", true),
            ("github.ref == 'main' && FAILURE()", true),
            ("!cancelled()", true),
            ("format('{0}', always())", true),
            ("github.ref == 'main'", false),
            ("contains(github.ref, 'success')", false),
        ]
    )
    func statusFunctions(source: String, expected: Bool) throws {
        #expect(try Expression.parse(source).usesStatusFunction == expected)
    }

    @Test("parsing the same text twice gives equal expressions, and different text different ones")
    func hashable() throws {
        #expect(try Expression.parse("github.sha") == Expression.parse("github.sha"))
        #expect(try Expression.parse("github.sha") != Expression.parse("github.ref"))
    }
}
