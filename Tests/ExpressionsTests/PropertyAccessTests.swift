import Expressions
import Testing

@Suite("Property access, indexes and filters")
struct PropertyAccessTests {
    @Test(
        "properties and indexes read objects ignoring case and arrays by number",
        arguments: [
            ("github.event_name", "push"),
            ("GITHUB.EVENT_NAME", "push"),
            ("github['event_name']", "push"),
            ("github['EVENT_NAME']", "push"),
            ("inputs.my-val", "hello"),
            ("steps.set-1.outputs.x", "42"),
            ("env.test-env-input", "from env"),
            ("env.ci", "true"),
            ("github.nope", nil),
            ("github.nope.deeper.still", nil),
            ("github.event_name.length", nil),
            ("github.event.commits[1].message", "second"),
            ("github.event.commits[1.9].message", "second"),
            ("github.event.commits['1'].message", "second"),
            ("github.event.commits[true].message", "second"),
            ("github.event.commits[null].message", "first"),
            ("github.event.commits[2]", nil),
            ("github.event.commits[-1]", nil),
            ("github.event.commits['x']", nil),
            ("github.event.commits.message", nil),
            ("(github.event.commits)[0].author.name", "Ann"),
            ("fromJSON('{\"1\": \"one\"}')[1]", "one"),
            ("fromJSON('{\"true\": 1}')[true]", 1),
            ("fromJSON('{\"\": \"empty\"}')[null]", "empty"),
            ("fromJSON('{\"a\": 1}')[fromJSON('[]')]", nil),
            ("fromJSON('[10, 20]')[fromJSON('{}')]", nil),
            ("fromJSON('[[1, 2], [3]]')[0][1]", 2),
        ] as [(String, Value)]
    )
    func access(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test(
        "a filter collects elements and applies later indexes to each of them",
        arguments: [
            ("github.event.commits.*.message", ["first", "second"]),
            ("github.event.commits[*].message", ["first", "second"]),
            ("github.event.commits.*.author.name", ["Ann", "Bob"]),
            ("github.event.labels.*.NAME", ["bug", "ci"]),
            ("github.event.commits.*.nope", []),
            ("needs.*.result", ["success", "failure"]),
            ("matrix.*", [18, "ubuntu-latest"]),
            ("github.nope.*", []),
            ("github.event_name.*", []),
            ("fromJSON('[[1, 2], [3]]').*[0]", [1, 3]),
            ("fromJSON('[[1, 2], [3], 4]').*.*", [1, 2, 3]),
            ("fromJSON('[{\"a\": 1}, {\"b\": 2}]').*.*", [1, 2]),
            ("github.event.commits.*.message[0]", []),
            ("(github.event.commits.*).message", ["first", "second"]),
            ("(github.nope || github.event.commits.*).message", ["first", "second"]),
        ] as [(String, Value)]
    )
    func filters(source: String, expected: Value) throws {
        #expect(try Expression.evaluate(source) == expected)
    }

    @Test("a filtered result passed to a function is an ordinary array")
    func filteredArrayThroughFunction() throws {
        #expect(try Expression.evaluate("contains(github.event.commits.*.message, 'SECOND')") == true)
        #expect(try Expression.evaluate("join(needs.*.result)") == "success,failure")
        #expect(try Expression.evaluate("fromJSON(toJSON(github.event.commits.*.message))[1]") == "second")
    }

    @Test("Value's property subscript tries the exact key first, then ignores case")
    func propertySubscript() {
        let value: Value = ["Name": "exact", "name": "lower", "OTHER": 1]
        #expect(value[property: "name"] == "lower")
        #expect(value[property: "Name"] == "exact")
        #expect(value[property: "other"] == 1)
        #expect(value[property: "missing"] == .null)
        #expect(Value.string("x")[property: "x"] == .null)
    }
}
