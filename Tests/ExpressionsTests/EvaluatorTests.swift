import Expressions
import Testing

@Suite("Evaluator")
struct EvaluatorTests {
    @Test(
        "literals evaluate to their values",
        arguments: [
            ("null", nil),
            ("true", true),
            ("false", false),
            ("42", 42),
            ("-1.5", -1.5),
            ("0xff", 255),
            ("0o17", 15),
            ("1e3", 1000),
            ("2.5E-1", 0.25),
            (".5", 0.5),
            ("'it''s'", "it's"),
            ("''", ""),
            ("Infinity", .number(.infinity)),
            ("-Infinity", .number(-.infinity)),
            ("NaN", .number(.nan)),
        ] as [(String, Value)]
    )
    func literals(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "== and != follow GitHub's coercion table",
        arguments: [
            ("1 == '1'", true),
            ("'abc' == 'ABC'", true),
            ("'Straße' == 'STRASSE'", false),
            ("'é' == 'É'", true),
            ("null == 0", true),
            ("'' == 0", true),
            ("null == ''", true),
            ("null == false", true),
            ("null == null", true),
            ("null == 'null'", false),
            ("true == 1", true),
            ("true == '1'", true),
            ("true == 'true'", false),
            ("false == ''", true),
            ("false == '0'", true),
            ("2 == true", false),
            ("' 12 ' == 12", true),
            ("'0x10' == 16", true),
            ("'1e2' == 100", true),
            ("'abc' == 0", false),
            ("NaN == NaN", false),
            ("NaN != NaN", true),
            ("'a' != 'A'", false),
            ("1 != 2", true),
            ("fromJSON('[]') == 0", false),
            ("fromJSON('[]') != ''", true),
            ("fromJSON('{}') == false", false),
            ("fromJSON('[1]') == fromJSON('[1]')", true),
            ("fromJSON('[1]') == fromJSON('[2]')", false),
            ("fromJSON('{}') == fromJSON('[]')", false),
            ("github.event == github.event", true),
            ("inputs.count == '3'", true),
            ("inputs.flag == 0", true),
            ("matrix.node == '18.0'", true),
        ]
    )
    func equality(source: String, expected: Bool) throws {
        #expect(try Expression.evaluate(source) == .bool(expected))
    }

    @Test(
        "ordering compares numbers, strings ignoring case, and coerced mixes",
        arguments: [
            ("1 < 2", true),
            ("2 <= 2", true),
            ("3 > 2", true),
            ("'a' < 'B'", true),
            ("'B' >= 'b'", true),
            ("'_' > 'a'", true),
            ("'abc' < 'abcd'", true),
            ("'10' > 9", true),
            ("'10' > '9'", false),
            ("'abc' < 1", false),
            ("'abc' >= 1", false),
            ("null >= null", true),
            ("null > null", false),
            ("null < 1", true),
            ("true > false", true),
            ("false < true", true),
            ("true >= 1", true),
            ("NaN < 1", false),
            ("NaN >= NaN", false),
            ("Infinity > 1e308", true),
            ("fromJSON('[]') < 1", false),
            ("fromJSON('[]') >= fromJSON('[]')", true),
            ("1 < 2 < 3", true),
            ("3 > 2 > 1", false),
        ]
    )
    func ordering(source: String, expected: Bool) throws {
        #expect(try Expression.evaluate(source) == .bool(expected))
    }

    @Test(
        "&& and || return an operand, and ! returns a boolean",
        arguments: [
            ("1 && 'x'", "x"),
            ("0 && 'x'", 0),
            ("'' || 'default'", "default"),
            ("'a' || 'b'", "a"),
            ("null || null", nil),
            ("false || 0 || ''", ""),
            ("env.EMPTY || 'fallback'", "fallback"),
            ("inputs.my-val && inputs.count", 3),
            ("true && false || true", true),
            ("false || true && false", false),
            ("1 == 1 && 2 == 3", false),
            ("!0", true),
            ("!''", true),
            ("!'a'", false),
            ("!!'a'", true),
            ("!null", true),
            ("!NaN", true),
            ("!fromJSON('[]')", false),
            ("!true == false", true),
            ("!github.nope", true),
        ] as [(String, Value)]
    )
    func logic(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "&& and || do not evaluate operands they do not need",
        arguments: ["false && fromJSON('not json')", "true || hashFiles('x')", "0 && format('{9}')"]
    )
    func shortCircuit(source: String) throws {
        _ = try Expression.evaluate(source)
    }

    @Test("a context that is not provided reads as null")
    func missingContext() throws {
        #expect(try Expression.evaluate("vars.name", in: EvaluationContext()) == .null)
        #expect(try Expression.evaluate("secrets", in: EvaluationContext()) == .null)
    }
}
