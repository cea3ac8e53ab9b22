import Foundation
import Testing

@testable import Gates

@Suite("JSON metrics")
struct JSONMetricReaderTests {
    @Test(
        "paths parse into keys and indexes",
        arguments: [
            (
                "categories.performance.score",
                [JSONPath.Component.key("categories"), .key("performance"), .key("score")]
            ),
            ("$.a.b[0].c", [.key("a"), .key("b"), .index(0), .key("c")]),
            ("$['odd key'][2]", [.key("odd key"), .index(2)]),
            (
                "audits[\"first-contentful-paint\"].numericValue",
                [.key("audits"), .key("first-contentful-paint"), .key("numericValue")]
            ),
        ])
    func parse(text: String, components: [JSONPath.Component]) throws {
        #expect(try JSONPath(text).components == components)
    }

    @Test(
        "bad paths name the offset of the mistake",
        arguments: [
            ("", 0, "the path is empty"),
            ("$", 0, "the path names no key"),
            ("a..b", 2, "expected a key after \".\""),
            ("a[x]", 2, "expected an array index like [0] or a key like ['name']"),
            ("a['b]", 2, "expected a quoted key closed by ']"),
            ("$x", 1, "expected \".\" or \"[\", found \"x\""),
        ])
    func parseErrors(text: String, offset: Int, message: String) {
        #expect(throws: JSONPath.ParseError(offset: offset, message: message)) { try JSONPath(text) }
    }

    @Test("a Lighthouse score and an audit value are read by path")
    func lighthouse() throws {
        let path = Fixtures.path("metrics/lighthouse.json")
        #expect(try JSONMetricReader.read(contentsOf: path, at: JSONPath("categories.performance.score")) == 0.72)
        #expect(
            try JSONMetricReader.read(contentsOf: path, at: JSONPath("$.audits['first-contentful-paint'].numericValue"))
                == 1834.52)
        #expect(
            try JSONMetricReader.read(contentsOf: path, at: JSONPath("categories.performance.auditRefs[0].weight"))
                == 10)
    }

    @Test(
        "a missing key, a wrong type, null or a boolean is an error that says what was found",
        arguments: [
            (
                "categories.performance.scor",
                "$.categories.performance has no key \"scor\"; it has \"auditRefs\", \"id\", \"score\", \"title\""
            ),
            ("categories.pwa.score", "$.categories.pwa.score is null, not a number"),
            ("audits.is-on-https.score", "$.audits.is-on-https.score is a boolean, not a number"),
            ("categories.performance.title", "$.categories.performance.title is a string, not a number"),
            ("runWarnings[0]", "$.runWarnings has 0 items, so [0] does not exist"),
            ("requestedUrl.host", "$.requestedUrl is a string, not an object with key \"host\""),
        ])
    func errors(path: String, message: String) throws {
        let file = Fixtures.path("metrics/lighthouse.json")
        #expect(throws: ReportError(path: file, message: message)) {
            try JSONMetricReader.read(contentsOf: file, at: JSONPath(path))
        }
    }

    @Test("invalid JSON is an error with its line")
    func invalid() throws {
        let error = try #require(throws: ReportError.self) {
            try JSONMetricReader.parse(Data("{\n  \"a\": 1,\n  \"b\": tru\n}".utf8), path: "m.json", at: JSONPath("a"))
        }
        #expect(error.line == 3)
    }
}
