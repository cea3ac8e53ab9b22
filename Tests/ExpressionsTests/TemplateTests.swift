import Expressions
import Testing

@Suite("Template")
struct TemplateTests {
    @Test("text without expressions is one literal segment")
    func literalOnly() throws {
        let template = try Template.parse("echo hello { } $ {{ }}")
        #expect(template.isLiteral)
        #expect(template.segments == [.literal("echo hello { } $ {{ }}")])
        #expect(try template.evaluate(in: .sample) == "echo hello { } $ {{ }}")
        #expect(try Template.parse("").segments == [])
    }

    @Test("expressions and literal text alternate, with each expression's offset at its ${{")
    func segments() throws {
        let template = try Template.parse("Hi ${{ github.actor }}, ref ${{github.ref}}!")
        #expect(!template.isLiteral)
        #expect(
            template.segments == [
                .literal("Hi "),
                .expression(try Expression.parse("github.actor"), offset: 3),
                .literal(", ref "),
                .expression(try Expression.parse("github.ref"), offset: 28),
                .literal("!"),
            ]
        )
        #expect(try template.evaluate(in: .sample) == "Hi octocat, ref refs/heads/main!")
    }

    @Test(
        "evaluation concatenates literal text and expression values as strings",
        arguments: [
            ("${{ 1 }}-${{ 'a' }}", "1-a"),
            ("${{ 1 }}${{ 2 }}", "12"),
            ("$${{ 1 }}", "$1"),
            ("${{ 1 }}}", "1}"),
            ("${{ '}}' }}", "}}"),
            ("${{ 'it''s }}' }}", "it's }}"),
            ("v${{ matrix.node }} on ${{ matrix.os }}", "v18 on ubuntu-latest"),
            ("${{ github.nope }}|${{ true }}|${{ 0.5 }}", "|true|0.5"),
            ("${{ github.event }} ${{ github.event.commits }}", "Object Array"),
            ("line1\n${{ env.CI }}\r\nline3", "line1\ntrue\r\nline3"),
        ]
    )
    func evaluate(text: String, expected: String) throws {
        #expect(try Template.parse(text).evaluate(in: .sample) == expected)
    }

    @Test(
        "evaluateValue keeps the value of a lone expression and otherwise gives a string",
        arguments: [
            ("${{ fromJSON('[1, 2]') }}", [1, 2]),
            ("  ${{ fromJSON('[1, 2]') }}\n", [1, 2]),
            ("${{ true }}", true),
            ("${{ matrix.node }}", 18),
            ("${{ github.nope }}", nil),
            ("x ${{ fromJSON('[1]') }}", "x Array"),
            ("${{ 1 }}${{ 2 }}", "12"),
            ("plain", "plain"),
            ("", ""),
        ] as [(String, Value)]
    )
    func evaluateValue(text: String, expected: Value) throws {
        #expect(try Template.parse(text).evaluateValue(in: .sample) == expected)
    }

    @Test(
        "errors point into the template text",
        arguments: [
            ("echo ${{ github.sha", 5, "expression opened with \"${{\" is not closed, expected \"}}\""),
            ("${{ 'a }}", 0, "expression opened with \"${{\" is not closed, expected \"}}\""),
            ("a ${{ }} b", 2, "expected an expression between \"${{\" and \"}}\""),
            ("a ${{}} b", 2, "expected an expression between \"${{\" and \"}}\""),
            ("run ${{ foo.bar }}", 8, "unknown context \"foo\""),
            ("x${{   1 == }}", 11, "unexpected end of expression, expected an operand"),
            ("${{ 1 }} ${{ toJosn(1) }}", 13, "unknown function \"toJosn\""),
            ("héllo ${{ x }}", 10, "unknown context \"x\""),
            ("ok ${{ 1 }} ${{ 2", 12, "expression opened with \"${{\" is not closed, expected \"}}\""),
        ]
    )
    func errors(text: String, offset: Int, message: String) {
        #expect(throws: ExpressionError(offset: offset, message: message)) {
            try Template.parse(text)
        }
    }

    @Test("expression offsets count characters, not bytes")
    func characterOffsets() throws {
        let template = try Template.parse("héllo 👋🏽 ${{ 1 }}")
        #expect(template.segments.last == .expression(try Expression.parse("1"), offset: 8))
    }

    @Test("evaluation errors point at the failing call in the template text")
    func evaluationError() throws {
        let template = try Template.parse("${{ 1 }} key-${{  hashFiles('*.lock') }}")
        let error = ExpressionError(offset: 18, message: "hashFiles is not available here")
        #expect(throws: error) { try template.evaluate(in: EvaluationContext()) }
        let lone = try Template.parse(" ${{ hashFiles('*.lock') }}")
        #expect(throws: ExpressionError(offset: 5, message: error.message)) {
            try lone.evaluateValue(in: EvaluationContext())
        }
    }

    @Test("description writes expressions back in ${{ }}")
    func description() throws {
        #expect(try Template.parse("a ${{github.sha}} b").description == "a ${{ github.sha }} b")
    }
}
