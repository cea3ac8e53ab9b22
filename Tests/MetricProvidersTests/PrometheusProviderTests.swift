import Foundation
import MetricProviders
import Testing

/// The result-shape rules against canned Prometheus API answers served over a real socket.
@Suite("Prometheus provider")
struct PrometheusProviderTests {
    /// One canned answer and the result it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int = 200
        var body: String
        var expected: ExpectedResult
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "scalar",
            body: #"{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"0.25"]}}"#,
            expected: .value(0.25)
        ),
        Case(
            name: "vector with one sample",
            body:
                #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"0.031"]}]}}"#,
            expected: .value(0.031)
        ),
        Case(
            name: "vector with no sample",
            body: #"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
            expected: .noData("no series")
        ),
        Case(
            name: "vector with three series",
            body: #"""
                {"status":"success","data":{"resultType":"vector","result":[
                {"metric":{"code":"200"},"value":[1,"1"]},{"metric":{"code":"404"},"value":[1,"2"]},
                {"metric":{"code":"500"},"value":[1,"3"]}]}}
                """#,
            expected: .error(
                #"query returned 3 series ({code="200"}, {code="404"}, {code="500"}); aggregate it, e.g. sum(...)"#)
        ),
        Case(
            name: "matrix with one series gives its last point",
            body:
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"0.1"],[2,"0.2"],[3,"0.7"]]}]}}"#,
            expected: .value(0.7)
        ),
        Case(
            name: "matrix with two series",
            body:
                #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[1,"1"]]},{"metric":{"a":"2"},"values":[[1,"2"]]}]}}"#,
            expected: .error("query returned 2 series")
        ),
        Case(
            name: "matrix with no series",
            body: #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#,
            expected: .noData("no series")
        ),
        Case(
            name: "NaN sample",
            body: #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}"#,
            expected: .noData("NaN")
        ),
        Case(
            name: "+Inf scalar",
            body: #"{"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}}"#,
            expected: .noData("inf")
        ),
        Case(
            name: "string result",
            body: #"{"status":"success","data":{"resultType":"string","result":[1,"hello"]}}"#,
            expected: .error("a string")
        ),
        Case(
            name: "native histogram",
            body:
                #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"3"}]}]}}"#,
            expected: .error("native histogram")
        ),
        Case(
            name: "status error with HTTP 400",
            status: 400,
            body: #"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"}\""}"#,
            expected: .error(#"Prometheus bad_data: 1:5: parse error: unexpected "}""#)
        ),
        Case(
            name: "HTTP 503 with a non-JSON body",
            status: 503,
            body: "Service Unavailable",
            expected: .error("HTTP 503")
        ),
        Case(
            name: "malformed JSON with HTTP 200",
            body: #"{"status":"succ"#,
            expected: .error("not valid JSON")
        ),
    ]

    @Test("an answer's shape decides value, no data or error", arguments: cases)
    func shape(_ testCase: Case) async throws {
        let result = try await TestHTTPServer.with(TestResponse(status: testCase.status, body: testCase.body)) {
            server in
            await PrometheusProvider(address: server.baseURL).measure(.prometheus("up"), at: Date())
        }
        expect(result, testCase.expected)
        #expect(result.raw == testCase.body)
        #expect(result.query == "up")
    }

    @Test("an instant query asks /api/v1/query at the measurement time")
    func instantRequest() async throws {
        let at = Date(timeIntervalSince1970: 1_700_000_123.25)
        let promQL = #"sum(rate(gantry_proxy_requests_total{version="canary",code_class="5xx"}[10s]))"#
        let body = #"{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}"#
        let request = try await TestHTTPServer.with(TestResponse(body: body)) { server in
            _ = await PrometheusProvider().measure(.prometheus(promQL, address: server.baseURL + "/"), at: at)
            return server.requests.first
        }
        #expect(request?.path == "/api/v1/query")
        #expect(request?.parameters["query"] == promQL)
        #expect(request?.parameters["time"] == "1700000123.250")
        #expect(request?.parameters["timeout"] == "10.000")
    }

    @Test("a range query asks /api/v1/query_range ending at the measurement time")
    func rangeRequest() async throws {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let body = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"4"]]}]}}"#
        let (result, request) = try await TestHTTPServer.with(TestResponse(body: body)) { server in
            let range = PrometheusRange(duration: .seconds(300), step: .seconds(30))
            let result = await PrometheusProvider(address: server.baseURL).measure(
                .prometheus("x", range: range), at: at)
            return (result, server.requests.first)
        }
        #expect(result.value == 4)
        #expect(result.query == "x [range 300s, step 30s]")
        #expect(request?.path == "/api/v1/query_range")
        #expect(request?.parameters["start"] == "1699999700.000")
        #expect(request?.parameters["end"] == "1700000000.000")
        #expect(request?.parameters["step"] == "30.000")
    }

    @Test("a server that never answers is an error after the timeout")
    func timeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await TestHTTPServer.with(TestResponse(behaviour: .hang)) { server in
            await PrometheusProvider().measure(
                .prometheus("up", address: server.baseURL, timeout: .milliseconds(300)), at: Date())
        }
        expect(result, .error("timed out after 300ms"))
        #expect(clock.now - start < .seconds(30), "the timeout must end the wait, not a hang")
    }

    @Test("a body that stalls halfway is an error after the timeout")
    func stalledBody() async throws {
        let body = String(repeating: " ", count: 4000) + #"{"status":"success"}"#
        let result = try await TestHTTPServer.with(TestResponse(body: body, behaviour: .stallBody)) { server in
            await PrometheusProvider().measure(
                .prometheus("up", address: server.baseURL, timeout: .milliseconds(300)), at: Date())
        }
        expect(result, .error("timed out after 300ms"))
    }

    @Test("a closed port is an error naming the server and the refusal")
    func connectionRefused() async throws {
        let closed = try ClosedPort()
        let query = MetricQuery.prometheus("up", address: "http://127.0.0.1:\(closed.port)", timeout: .seconds(10))
        let result = await PrometheusProvider().measure(query, at: Date())
        // AsyncHTTPClient retries a refused connection until the deadline; on a loaded machine the refusal can be
        // reported as the timeout instead. Either way it is an error naming the server, never a value or no data.
        expect(result, .error("GET http://127.0.0.1:\(closed.port)/api/v1/query "))
        guard case .error(let message) = result.phase else { return }
        #expect(message.contains("Connection refused") || message.contains("timed out"), "\(message)")
        withExtendedLifetime(closed) {}
    }

    @Test("a query without an address anywhere is an error")
    func missingAddress() async {
        let result = await PrometheusProvider().measure(.prometheus("up"), at: Date())
        expect(result, .error("no Prometheus address"))
    }
}
