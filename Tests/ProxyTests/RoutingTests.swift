import Proxy
import Testing

@Suite("header, cookie and sticky routing")
struct RoutingTests {
    @Test("a header route sends requests to the canary even at weight 0")
    func headerRoute() async throws {
        try await ProxyHarness.run(
            weights: ["canary": 0],
            options: .init(routes: [Route(.header(name: "X-Canary", value: "always"), to: "canary")])
        ) { harness in
            let client = try await harness.client()
            #expect(try await client.request(headers: [("x-canary", "always")]).header("x-backend") == "canary")
            #expect(try await client.request(headers: [("X-Canary", "never")]).header("x-backend") == "stable")
            #expect(try await client.request().header("x-backend") == "stable")
            await client.close()
        }
    }

    @Test("a cookie route matches one cookie among several")
    func cookieRoute() async throws {
        try await ProxyHarness.run(
            weights: ["canary": 0],
            options: .init(routes: [Route(.cookie(name: "beta", value: "yes"), to: "canary")])
        ) { harness in
            let client = try await harness.client()
            #expect(try await client.request(headers: [("cookie", "a=1; beta=yes")]).header("x-backend") == "canary")
            #expect(try await client.request(headers: [("cookie", "beta=no")]).header("x-backend") == "stable")
            await client.close()
        }
    }

    @Test("the sticky cookie keeps a client on its version while that version's weight is above 0")
    func sticky() async throws {
        try await ProxyHarness.run(weights: ["canary": 500], options: .init(stickyCookie: "gantry-version")) {
            harness in
            let client = try await harness.client()
            let first = try await client.request()
            let version = try #require(first.header("x-backend"))
            #expect(first.header("set-cookie") == "gantry-version=\(version); Path=/")
            for _ in 0..<50 {
                let next = try await client.request(headers: [("cookie", "gantry-version=\(version)")])
                #expect(next.header("x-backend") == version)
                #expect(next.header("set-cookie") == nil)
            }
            // Once the version is drained, the client is moved and told so.
            let other = version == "canary" ? "stable" : "canary"
            try harness.proxy.setWeights([version: 0, other: 1000])
            let moved = try await client.request(headers: [("cookie", "gantry-version=\(version)")])
            #expect(moved.header("x-backend") == other)
            #expect(moved.header("set-cookie") == "gantry-version=\(other); Path=/")
            await client.close()
        }
    }

    @Test("a sticky cookie naming an unknown version is replaced")
    func stickyUnknown() async throws {
        try await ProxyHarness.run(weights: ["canary": 0], options: .init(stickyCookie: "gantry-version")) {
            harness in
            let client = try await harness.client()
            let response = try await client.request(headers: [("cookie", "gantry-version=nightly")])
            #expect(response.header("x-backend") == "stable")
            #expect(response.header("set-cookie") == "gantry-version=stable; Path=/")
            await client.close()
        }
    }
}
