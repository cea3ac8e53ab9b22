import Foundation
import NIOCore
import Proxy
import Testing

@Suite("Prometheus text and the admin endpoint")
struct PrometheusTextTests {
    @Test("the admin endpoint serves /metrics that parses, agrees with the traffic, and /healthz")
    func adminEndpoint() async throws {
        try await ProxyHarness.run(
            weights: ["canary": 200], options: .init(admin: true)
        ) { harness in
            _ = try await harness.load(100, connections: 2)
            _ = try await harness.load(10, connections: 1, path: "/status/500")
            let admin = try await TestClient.connect(port: try #require(harness.proxy.adminPort))
            #expect(try await admin.request(.GET, "/healthz").text == "ok\n")
            #expect(try await admin.request(.GET, "/nope").status == 404)
            let response = try await admin.request(.GET, "/metrics")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
            await admin.close()

            let samples = try PrometheusParser.parse(response.text)
            #expect(samples["gantry_proxy_requests_total", ["version": "stable", "code_class": "2xx"]] == 80)
            #expect(samples["gantry_proxy_requests_total", ["version": "canary", "code_class": "2xx"]] == 20)
            #expect(samples["gantry_proxy_requests_total", ["version": "stable", "code_class": "5xx"]] == 8)
            #expect(samples["gantry_proxy_requests_total", ["version": "canary", "code_class": "5xx"]] == 2)
            #expect(samples["gantry_proxy_requests_total", ["version": "canary", "code_class": "timeout"]] == 0)
            #expect(samples["gantry_proxy_request_duration_seconds_count", ["version": "stable"]] == 88)
            #expect(samples["gantry_proxy_request_duration_seconds_bucket", ["version": "stable", "le": "+Inf"]] == 88)
            #expect(samples["gantry_proxy_weight_permille", ["version": "canary"]] == 200)
            #expect(samples["gantry_proxy_ready_replicas", ["version": "stable"]] == 1)
            for version in ["stable", "canary"] {
                let buckets = samples.all("gantry_proxy_request_duration_seconds_bucket").filter {
                    $0.labels["version"] == version
                }
                #expect(buckets.count == 17)
                #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value }, "buckets are cumulative")
                #expect((samples["gantry_proxy_request_duration_seconds_sum", ["version": version]] ?? -1) > 0)
            }
            if let verdict = try promtoolCheck(response.text) { #expect(verdict.isEmpty, "promtool: \(verdict)") }
        }
    }

    /// `promtool check metrics` output on problems (empty when clean); `nil` when promtool is not installed.
    private func promtoolCheck(_ text: String) throws -> String? {
        let path = "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? "" : report
    }
}
