import NIOCore
import Proxy
import Testing

@Suite("replica failures")
struct UpstreamFailureTests {
    @Test("a replica that is down gets the client a 502, counted as a connection error of its version")
    func downIs502() async throws {
        let gone = try await TestBackend.start("gone")
        await gone.stop()
        try await ProxyHarness.run(weights: ["canary": 1000]) { harness in
            try harness.proxy.setBackends(group: "canary", addresses: [gone.endpoint])
            let client = try await harness.client()
            let response = try await client.request()
            #expect(response.status == 502)
            #expect(try await client.request().status == 502)
            let canary = try #require(harness.proxy.metrics()["canary"])
            #expect(canary.total.connectionError == 2)
            #expect(canary.total.serverError == 0)
            #expect(
                harness.proxy.prometheusText().contains(
                    "gantry_proxy_requests_total{version=\"canary\",code_class=\"connection_error\"} 2\n"
                ))
            await client.close()
        }
    }

    @Test("a request body for a replica that is down is read and dropped, and the connection goes on")
    func downWithBody() async throws {
        let gone = try await TestBackend.start("gone")
        await gone.stop()
        try await ProxyHarness.run(weights: ["canary": 1000]) { harness in
            try harness.proxy.setBackends(group: "canary", addresses: [gone.endpoint])
            let client = try await harness.client()
            let upload = ByteBuffer(repeating: UInt8(ascii: "x"), count: 200_000)
            #expect(try await client.request(.POST, "/echo", body: upload).status == 502)
            #expect(try await client.request(.GET, "/").status == 502)
            #expect(harness.proxy.metrics()["canary"]?.total.connectionError == 2)
            await client.close()
        }
    }

    @Test("a 5xx from the replica is passed on and counted as 5xx, not as a connection error")
    func serverErrorIsPassedOn() async throws {
        try await ProxyHarness.run(weights: ["canary": 1000]) { harness in
            let client = try await harness.client()
            let response = try await client.request(.GET, "/status/503")
            #expect(response.status == 503)
            #expect(response.text == "canary 503\n")
            #expect(try await client.request(.GET, "/status/404").status == 404)
            let canary = try #require(harness.proxy.metrics()["canary"])
            #expect(canary.total.serverError == 1)
            #expect(canary.total.clientError == 1)
            #expect(canary.total.connectionError == 0)
            await client.close()
        }
    }

    @Test("a replica that does not answer in time gets the client a 504, counted as a timeout")
    func slowIs504() async throws {
        try await ProxyHarness.run(
            weights: ["canary": 1000], options: .init(responseTimeout: .milliseconds(300))
        ) { harness in
            let client = try await harness.client()
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await client.request(.GET, "/slow")
            #expect(response.status == 504)
            #expect(clock.now - started < .seconds(5))
            #expect(harness.proxy.metrics()["canary"]?.total.timeout == 1)
            harness.backend("canary").release()
            #expect(try await client.request().status == 200)
            await client.close()
        }
    }

    @Test("with no ready replica anywhere the client gets a 503")
    func noReplicas() async throws {
        try await ProxyHarness.run { harness in
            try harness.proxy.setBackends(group: "stable", addresses: [])
            try harness.proxy.setBackends(group: "canary", addresses: [])
            let client = try await harness.client()
            #expect(try await client.request().status == 503)
            #expect(harness.proxy.metrics()["stable"]?.total.connectionError == 1)
            await client.close()
        }
    }

    @Test("a GET on a kept-alive connection the replica dropped is sent again on a new one; a POST is not")
    func replayOnlyIdempotent() async throws {
        try await ProxyHarness.run(options: .init(threads: 1)) { harness in
            let client = try await harness.client()
            #expect(try await client.request(.GET, "/then-drop").status == 200)
            let replayed = try await client.request(.GET, "/")
            #expect(replayed.status == 200)
            #expect(try await client.request(.GET, "/then-drop").status == 200)
            let post = try await client.request(.POST, "/", body: ByteBuffer(string: "x"))
            #expect(post.status == 502)
            let stable = try #require(harness.proxy.metrics()["stable"])
            #expect(stable.total.success == 3)
            #expect(stable.total.connectionError == 1)
            await client.close()
        }
    }
}
