import Testing

@testable import Expressions

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ source: String) -> [Token.Kind] {
        Lexer.tokenize(Array(source.utf8)).map(\.kind).dropLast()
    }

    @Test(
        "tokens are read as GitHub's lexer reads them",
        arguments: [
            ("github.sha", [.identifier("github"), .dot, .identifier("sha")]),
            (
                "steps.set-1.outputs.my_x",
                [
                    .identifier("steps"), .dot, .identifier("set-1"), .dot, .identifier("outputs"), .dot,
                    .identifier("my_x"),
                ]
            ),
            ("a.*.b", [.identifier("a"), .dot, .star, .dot, .identifier("b")]),
            ("x[0]", [.identifier("x"), .leftBracket, .number(0), .rightBracket]),
            ("1 == -1.5", [.number(1), .equal, .number(-1.5)]),
            ("0xff 1e3 0o17 +2", [.number(255), .number(1000), .number(15), .number(2)]),
            (".5 == 1", [.number(0.5), .equal, .number(1)]),
            ("Infinity -Infinity", [.number(.infinity), .number(-.infinity)]),
            ("'it''s'", [.string("it's")]),
            ("''", [.string("")]),
            ("!a != b", [.not, .identifier("a"), .notEqual, .identifier("b")]),
            ("< <= > >= && ||", [.less, .lessOrEqual, .greater, .greaterOrEqual, .and, .or]),
            (
                "f( a , b )",
                [
                    .identifier("f"), .leftParenthesis, .identifier("a"), .comma, .identifier("b"), .rightParenthesis,
                ]
            ),
            ("null true false", [.identifier("null"), .identifier("true"), .identifier("false")]),
            ("\t a \n\r\u{A0}b", [.identifier("a"), .identifier("b")]),
            ("(.5)", [.leftParenthesis, .number(0.5), .rightParenthesis]),
        ] as [(String, [Token.Kind])]
    )
    func tokens(source: String, expected: [Token.Kind]) {
        #expect(kinds(source) == expected)
    }

    @Test(
        "malformed text becomes an invalid token carrying the message",
        arguments: [
            ("1.2.3", "invalid number \"1.2.3\""),
            ("-", "invalid number \"-\""),
            ("1abc", "invalid number \"1abc\""),
            ("'abc", "unterminated string literal, expected a closing \"'\""),
            ("\"abc\"", "unexpected double-quoted string, expected a single-quoted string such as 'text'"),
            ("=", "unexpected token \"=\", expected \"==\""),
            ("&", "unexpected token \"&\", expected \"&&\""),
            ("|", "unexpected token \"|\", expected \"||\""),
            ("@foo", "unexpected token \"@foo\""),
            ("a+b", "unexpected token \"a+b\""),
            ("über", "unexpected token \"über\""),
        ]
    )
    func invalid(source: String, message: String) {
        #expect(kinds(source).first == .invalid(message: message))
    }

    @Test("a dot after an operand is property access, and after an operator a decimal point")
    func dotDependsOnPreviousToken() {
        #expect(kinds("a .b") == [.identifier("a"), .dot, .identifier("b")])
        #expect(kinds("a == .5") == [.identifier("a"), .equal, .number(0.5)])
        #expect(
            kinds("f(1,.5)") == [
                .identifier("f"), .leftParenthesis, .number(1), .comma, .number(0.5), .rightParenthesis,
            ]
        )
    }

    @Test("token positions are UTF-8 offsets of the token's first and past-last bytes")
    func positions() {
        let tokens = Lexer.tokenize(Array("  'é' == x".utf8))
        #expect(tokens.map(\.start) == [2, 7, 10, 11])
        #expect(tokens.map(\.end) == [6, 9, 11, 11])
    }
}
