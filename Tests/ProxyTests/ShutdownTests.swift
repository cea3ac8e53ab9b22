import Proxy
import Testing

@Suite("graceful shutdown", .timeLimit(.minutes(1)))
struct ShutdownTests {
    @Test("shutdown stops accepting, lets the request in flight finish, and closes idle connections")
    func graceful() async throws {
        try await ProxyHarness.run(weights: ["canary": 1000]) { harness in
            let busy = try await harness.client()
            let idle = try await harness.client()
            #expect(try await idle.request().status == 200)
            async let slow = busy.request(.GET, "/slow")
            var arrivals = harness.backend("canary").arrivals.makeAsyncIterator()
            _ = await arrivals.next()

            let stopping = Task { await harness.proxy.shutdown() }
            // Idle connections are closed after the listener, so by now new connections are refused.
            await idle.waitUntilClosed()
            await #expect(throws: (any Error).self) { try await TestClient.connect(port: harness.port) }
            harness.backend("canary").release()
            let response = try await slow
            #expect(response.status == 200)
            #expect(response.header("x-backend") == "canary")
            #expect(response.header("connection") == "close")
            await stopping.value
            await busy.waitUntilClosed()
            #expect(harness.proxy.metrics()["canary"]?.total.success == 2)
        }
    }

}
