import Expressions
import Testing

@Suite("Functions")
struct FunctionTests {
    @Test(
        "contains searches strings ignoring case and arrays with loose equality",
        arguments: [
            ("contains('Hello world', 'WORLD')", true),
            ("contains('Hello world', 'planet')", false),
            ("contains('abc', '')", true),
            ("contains(123, 2)", true),
            ("contains(true, 'RU')", true),
            ("contains(null, '')", true),
            ("contains('abc', fromJSON('[]'))", false),
            ("contains(fromJSON('[\"a\", \"b\"]'), 'B')", true),
            ("contains(fromJSON('[1, 2]'), '2')", true),
            ("contains(fromJSON('[1, 2]'), 3)", false),
            ("contains(fromJSON('[]'), null)", false),
            ("contains(fromJSON('[null]'), 0)", true),
            ("contains(fromJSON('{\"a\": 1}'), 'a')", false),
            ("contains(github.event.commits.*.author.name, 'bob')", true),
        ]
    )
    func contains(source: String, expected: Bool) throws {
        #expect(try Expression.evaluate(source) == .bool(expected))
    }

    @Test(
        "startsWith and endsWith compare primitives as strings ignoring case",
        arguments: [
            ("startsWith('Hello', 'he')", true),
            ("startsWith('Hello', 'lo')", false),
            ("startsWith(github.ref, 'REFS/heads/')", true),
            ("startsWith(12345, 12)", true),
            ("startsWith('a', 'abc')", false),
            ("startsWith(fromJSON('[]'), '')", false),
            ("startsWith('Array', fromJSON('[]'))", false),
            ("endsWith('Hello', 'LO')", true),
            ("endsWith('Hello', 'he')", false),
            ("endsWith(null, '')", true),
            ("endsWith(1.5, '.5')", true),
            ("endsWith(true, 'UE')", true),
        ]
    )
    func prefixAndSuffix(source: String, expected: Bool) throws {
        #expect(try Expression.evaluate(source) == .bool(expected))
    }

    @Test(
        "join converts elements to strings between separators",
        arguments: [
            ("join(fromJSON('[\"a\", \"b\"]'), ', ')", "a, b"),
            ("join(fromJSON('[1, true, null, 1.5]'))", "1,true,,1.5"),
            ("join(fromJSON('[[1], {}]'), ' ')", "Array Object"),
            ("join(fromJSON('[\"only\"]'), fromJSON('[]'))", "only"),
            ("join(fromJSON('[\"a\", \"b\"]'), fromJSON('[]'))", "a,b"),
            ("join(fromJSON('[\"a\", \"b\"]'), 0)", "a0b"),
            ("join('abc', '-')", "abc"),
            ("join(1)", "1"),
            ("join(null)", ""),
            ("join(fromJSON('[]'))", ""),
            ("join(fromJSON('{\"a\": 1}'))", ""),
            ("join(github.event.commits.*.message, ' | ')", "first | second"),
        ] as [(String, Value)]
    )
    func join(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "toJSON prints values as GitHub does",
        arguments: [
            ("toJSON(1)", "1"),
            ("toJSON(0.1)", "0.1"),
            ("toJSON(null)", "null"),
            ("toJSON(true)", "true"),
            ("toJSON('a\"b')", "\"a\\\"b\""),
            ("toJSON(fromJSON('[]'))", "[]"),
            ("toJSON(matrix)", "{\n  \"node\": 18,\n  \"os\": \"ubuntu-latest\"\n}"),
            ("toJSON(fromJSON('{\"b\": [1, {}], \"a\": []}'))", "{\n  \"a\": [],\n  \"b\": [\n    1,\n    {}\n  ]\n}"),
            ("toJSON(github.event.commits.*.message)", "[\n  \"first\",\n  \"second\"\n]"),
        ] as [(String, Value)]
    )
    func toJSON(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "fromJSON reads JSON text, converting its argument to a string first",
        arguments: [
            ("fromJSON('true')", true),
            ("fromJSON(' 12.5 ')", 12.5),
            ("fromJSON('\"x\"')", "x"),
            ("fromJSON('null')", nil),
            ("fromJSON(1)", 1),
            ("fromJSON('{\"a\": {\"b\": [1]}}').a.b[0]", 1),
            ("fromJSON(fromJSON('\"[1]\"'))", [1]),
            ("fromJSON('{\"include\": [{\"os\": \"linux\"}]}')", ["include": [["os": "linux"]]]),
        ] as [(String, Value)]
    )
    func fromJSON(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "fromJSON of text that is not JSON is an error at the call",
        arguments: [
            ("fromJSON('')", 0, "invalid JSON at byte 0: unexpected end of JSON text, expected a value"),
            ("1 && fromJSON('{')", 5, "invalid JSON at byte 1: unexpected end of JSON text, expected a string key"),
            ("fromJSON('[1,]')", 0, "invalid JSON at byte 3: unexpected character \"]\", expected a JSON value"),
            ("fromJSON('1 2')", 0, "invalid JSON at byte 2: unexpected character \"2\" after the JSON value"),
            (
                "fromJSON(github.event_name)", 0,
                "invalid JSON at byte 0: unexpected character \"p\", expected a JSON value"
            ),
        ]
    )
    func fromJSONErrors(source: String, offset: Int, message: String) throws {
        let expression = try Expression.parse(source)
        #expect(throws: ExpressionError(offset: offset, message: message)) {
            try expression.evaluate(in: .sample)
        }
    }

    @Test(
        "function names are matched ignoring case",
        arguments: [
            ("TOJSON(1)", "1"),
            ("fromjson('2')", 2),
            ("StartsWith('a', 'A')", true),
            ("CONTAINS('abc', 'B')", true),
            ("Format('{0}', 'x')", "x"),
            ("JOIN(fromJSON('[1, 2]'))", "1,2"),
        ] as [(String, Value)]
    )
    func caseInsensitiveNames(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }
}
