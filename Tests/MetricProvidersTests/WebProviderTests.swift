import Foundation
import MetricProviders
import Testing

/// The web provider against a real local HTTP server.
@Suite("Web provider")
struct WebProviderTests {
    static let document = #"""
        {"data": {"ratio": 0.042, "text": "0.5", "ok": true, "nan": "NaN", "none": null, "name": "canary",
                  "items": [{"value": 7}, {"value": 8}], "odd key": 3, "0": {"x": 9}}}
        """#

    @Test(
        "a JSON path picks the value",
        arguments: [
            ("$.data.ratio", ExpectedResult.value(0.042)),
            ("data.ratio", .value(0.042)),
            ("{$.data.ratio}", .value(0.042)),
            ("$.data.items[1].value", .value(8)),
            ("data.items.0.value", .value(7)),
            ("$['data']['odd key']", .value(3)),
            ("$.data.0.x", .value(9)),
            ("$.data.text", .value(0.5)),
            ("$.data.ok", .value(1)),
            ("$.data.missing", .noData("$.data has no key \"missing\"")),
            ("$.data.items[5].value", .noData("$.data.items has 2 elements, no index 5")),
            ("$.data.none", .noData("is null")),
            ("$.data.nan", .noData("NaN")),
            ("$.data.name", .error(#"is the string "canary", not a number"#)),
            ("$.data.items", .error("is an array of 2, not a number")),
            ("$.data.ratio.deeper", .noData("is the number 0.042, not an object")),
            ("$.data[oops]", .error("expected an index or a quoted key")),
            ("$..ratio", .error("not supported")),
        ]
    )
    func path(_ path: String, _ expected: ExpectedResult) async throws {
        let result = try await TestHTTPServer.with(TestResponse(body: Self.document)) { server in
            await WebProvider().measure(.web(server.baseURL + "/status", jsonPath: path), at: Date())
        }
        expect(result, expected)
    }

    @Test("headers are sent and the query is recorded with its path")
    func headers() async throws {
        let (result, request) = try await TestHTTPServer.with(TestResponse(body: #"{"v": 2}"#)) { server in
            let query = MetricQuery.web(
                server.baseURL + "/m?x=1", jsonPath: "$.v", headers: ["Authorization": "Bearer t0k"])
            return (await WebProvider().measure(query, at: Date()), server.requests.first)
        }
        #expect(result.value == 2)
        #expect(result.raw == #"{"v": 2}"#)
        #expect(result.query.hasSuffix("/m?x=1 | $.v"))
        #expect(request?.method == "GET")
        #expect(request?.uri == "/m?x=1")
        #expect(request?.headers["authorization"] == "Bearer t0k")
    }

    @Test("a non-2xx answer is an error even with a JSON body")
    func non2xx() async throws {
        let result = try await TestHTTPServer.with(TestResponse(status: 500, body: #"{"v": 1}"#)) { server in
            await WebProvider().measure(.web(server.baseURL, jsonPath: "$.v"), at: Date())
        }
        expect(result, .error("answered HTTP 500"))
        #expect(result.raw == #"{"v": 1}"#)
    }

    @Test("a body that is not JSON is an error")
    func notJSON() async throws {
        let result = try await TestHTTPServer.with(TestResponse(body: "<html>", contentType: "text/html")) { server in
            await WebProvider().measure(.web(server.baseURL, jsonPath: "$.v"), at: Date())
        }
        expect(result, .error("not valid JSON"))
    }

    @Test("a server that never answers is an error after the timeout")
    func timeout() async throws {
        let result = try await TestHTTPServer.with(TestResponse(behaviour: .hang)) { server in
            await WebProvider().measure(.web(server.baseURL, jsonPath: "$.v", timeout: .milliseconds(200)), at: Date())
        }
        expect(result, .error("timed out after 200ms"))
    }

    @Test("a URL that is not http(s) is an error")
    func badURL() async {
        let result = await WebProvider().measure(.web("file:///etc/passwd", jsonPath: "$.v"), at: Date())
        expect(result, .error("is not an http(s) URL"))
    }
}
