import Foundation
import MetricProviders
import Testing

/// The exposition-format parser.
@Suite("Prometheus text format")
struct PrometheusTextTests {
    static let page = #"""
        # HELP gantry_proxy_requests_total Requests by version and status class.
        # TYPE gantry_proxy_requests_total counter
        gantry_proxy_requests_total{version="canary",code_class="2xx"} 95
        gantry_proxy_requests_total{version="canary",code_class="5xx"} 5
        gantry_proxy_requests_total{ version = "stable" , code_class="2xx", } 1e3 1700000000000
        # TYPE gantry_proxy_request_duration_seconds histogram
        gantry_proxy_request_duration_seconds_bucket{version="canary",le="0.1"} 80
        gantry_proxy_request_duration_seconds_bucket{version="canary",le="+Inf"} 100
        gantry_proxy_request_duration_seconds_sum{version="canary"} 4.5
        gantry_proxy_request_duration_seconds_count{version="canary"} 100
        escaped{path="C:\\dir\\",quote="say \"hi\"",line="a\nb"} NaN
        no_labels -Inf

        # EOF
        """#

    @Test("samples, labels, types and help are read")
    func parse() throws {
        let text = try PrometheusText(parsing: Self.page.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(text.samples.count == 9)
        #expect(text.types["gantry_proxy_requests_total"] == "counter")
        #expect(text.types["gantry_proxy_request_duration_seconds"] == "histogram")
        #expect(text.help["gantry_proxy_requests_total"] == "Requests by version and status class.")
        #expect(text.sum("gantry_proxy_requests_total", matching: ["version": "canary"]) == 100)
        #expect(text.sum("gantry_proxy_requests_total", matching: ["code_class": "5xx"]) == 5)
        let stable = try #require(
            text.samples(named: "gantry_proxy_requests_total", matching: ["version": "stable"]).first)
        #expect(stable.value == 1000)
        #expect(stable.timestamp == 1_700_000_000_000)
        #expect(stable.labels == ["version": "stable", "code_class": "2xx"])
        let escaped = try #require(text.samples(named: "escaped").first)
        #expect(escaped.labels == ["path": #"C:\dir\"#, "quote": #"say "hi""#, "line": "a\nb"])
        #expect(escaped.value.isNaN)
        #expect(text.samples(named: "no_labels").first?.value == -.infinity)
        #expect(text.sum("gantry_proxy_request_duration_seconds_bucket", matching: ["le": "+Inf"]) == 100)
        #expect(text.sum("missing") == nil)
    }

    @Test(
        "a broken line is an error naming its line",
        arguments: [
            ("ok 1\nbroken{a=\"1\" 2", 2, #"expected "," or "}" after the label "a""#),
            ("x{a=1} 2", 1, #"the value of the label "a" is not quoted"#),
            ("x{a=\"1} 2", 1, #"the value of the label "a" has no closing quote"#),
            ("x abc", 1, #"sample "x" has value "abc", which is not a number"#),
            ("x", 1, #"sample "x" has no value"#),
            ("x 1 12.5", 1, #"sample "x" has timestamp "12.5", which is not an integer"#),
            ("x 1 2 3", 1, #"unexpected "3" after the sample "x""#),
            ("9x 1", 1, #"expected a metric or label name, found "9x 1""#),
            ("# TYPE x countr", 1, #"unknown metric type "countr" for "x""#),
        ]
    )
    func broken(_ page: String, _ line: Int, _ message: String) {
        #expect(throws: PrometheusText.ParseError(line: line, message: message)) {
            try PrometheusText(parsing: page)
        }
    }
}
