import Expressions
import Testing

@Suite("Value JSON")
struct ValueJSONTests {
    @Test(
        "toJSON indents by two spaces, sorts keys and escapes strings as Newtonsoft.Json does",
        arguments: [
            (nil, "null"),
            (1.5, "1.5"),
            (1e20, "1E+20"),
            ("plain", "\"plain\""),
            ("q\"b\\n\nt\tr\r\u{08}\u{0C}", "\"q\\\"b\\\\n\\nt\\tr\\r\\b\\f\""),
            ("\u{01}\u{1F}\u{7F}\u{85}\u{2028}\u{2029}é😀", "\"\\u0001\\u001f\u{7F}\\u0085\\u2028\\u2029é😀\""),
            ([], "[]"),
            ([:], "{}"),
            ([1, [2, []], [:]], "[\n  1,\n  [\n    2,\n    []\n  ],\n  {}\n]"),
            (["b": 1, "a": ["c": nil]], "{\n  \"a\": {\n    \"c\": null\n  },\n  \"b\": 1\n}"),
            (["k\"ey": true], "{\n  \"k\\\"ey\": true\n}"),
        ] as [(Value, String)]
    )
    func toJSON(value: Value, expected: String) {
        #expect(value.toJSON() == expected)
    }

    @Test(
        "fromJSON reads every JSON form",
        arguments: [
            ("null", nil),
            (" true ", true),
            ("false", false),
            ("-0.5e1", -5),
            ("12345678901234567890", 12_345_678_901_234_567_890.0),
            ("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"", "a\"b\\c/d\n\té😀"),
            ("\"\\ud800x\"", "\u{FFFD}x"),
            ("[]", []),
            ("{}", [:]),
            ("[1, [\"x\", {}], null]", [1, ["x", [:]], nil]),
            ("{\"a\": 1, \"a\": 2, \"B\": [true]}", ["a": 2, "B": [true]]),
            ("\n\t{ \"nested\" : { \"deep\" : [ 0 ] } }\r\n", ["nested": ["deep": [0]]]),
        ] as [(String, Value)]
    )
    func fromJSON(text: String, expected: Value) throws {
        #expect(try Value.fromJSON(text) == expected)
    }

    @Test(
        "fromJSON rejects text that is not exactly one JSON value",
        arguments: [
            ("", "invalid JSON at byte 0: unexpected end of JSON text, expected a value"),
            ("nul", "invalid JSON at byte 0: unexpected character \"n\", expected a JSON value"),
            ("01", "invalid JSON at byte 1: unexpected character \"1\" after the JSON value"),
            ("1.", "invalid JSON at byte 2: invalid JSON number, expected a digit after \".\""),
            ("-", "invalid JSON at byte 1: invalid JSON number, expected a digit"),
            ("'a'", "invalid JSON at byte 0: unexpected character \"'\", expected a JSON value"),
            ("{a: 1}", "invalid JSON at byte 1: unexpected character \"a\", expected a string key"),
            ("{\"a\" 1}", "invalid JSON at byte 5: unexpected character \"1\", expected \":\""),
            ("[1 2]", "invalid JSON at byte 3: unexpected character \"2\", expected \",\" or \"]\""),
            ("\"abc", "invalid JSON at byte 0: unterminated JSON string, expected a closing '\"'"),
            ("\"a\nb\"", "invalid JSON at byte 2: control character in a JSON string, expected it escaped"),
            ("\"\\x\"", "invalid JSON at byte 1: invalid escape sequence in a JSON string"),
            ("\"\\u12\"", "invalid JSON at byte 5: expected four hexadecimal digits after \\u"),
        ]
    )
    func fromJSONErrors(text: String, message: String) {
        #expect(throws: ExpressionError(offset: 0, message: message)) {
            try Value.fromJSON(text)
        }
    }

    @Test("fromJSON accepts 64 levels of nesting and rejects 65, as Newtonsoft.Json does")
    func depthLimit() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Value.fromJSON(deepest) }
        let tooDeep = "[" + deepest + "]"
        let message = "invalid JSON at byte 64: JSON nested deeper than 64 levels"
        #expect(throws: ExpressionError(offset: 0, message: message)) {
            try Value.fromJSON(tooDeep)
        }
    }

    @Test("fromJSON reads back what toJSON writes")
    func roundTrip() throws {
        let value = EvaluationContext.sample.contexts["github"] ?? nil
        #expect(try Value.fromJSON(value.toJSON()) == value)
    }
}
