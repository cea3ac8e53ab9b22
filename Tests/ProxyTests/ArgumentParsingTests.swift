import Testing

@testable import Proxy

@Suite("parsing addresses, backends, weights and routes")
struct ArgumentParsingTests {
    @Test(
        "endpoints parse from host:port",
        arguments: [
            ("127.0.0.1:18081", Endpoint(host: "127.0.0.1", port: 18081)),
            ("localhost:80", Endpoint(host: "localhost", port: 80)),
            ("[::1]:8080", Endpoint(host: "::1", port: 8080)),
            (" api.internal:0 ", Endpoint(host: "api.internal", port: 0)),
        ]
    )
    func endpoints(text: String, expected: Endpoint) {
        #expect(Endpoint(text) == expected)
    }

    @Test(
        "malformed endpoints are refused",
        arguments: ["127.0.0.1", ":80", "host:", "host:65536", "::1:80", "[::1]80", "h:x"])
    func badEndpoints(text: String) {
        #expect(Endpoint(text) == nil)
    }

    @Test("an IPv6 endpoint prints with brackets")
    func endpointDescription() {
        #expect(Endpoint(host: "::1", port: 1).description == "[::1]:1")
        #expect(Endpoint(host: "127.0.0.1", port: 2).description == "127.0.0.1:2")
    }

    @Test("a backend takes several comma-separated replicas")
    func backends() {
        let group = BackendGroup(parsing: "stable=127.0.0.1:1,127.0.0.1:2")
        #expect(group == BackendGroup(name: "stable", addresses: [Endpoint("127.0.0.1:1")!, Endpoint("127.0.0.1:2")!]))
        #expect(BackendGroup(parsing: "stable=") == nil)
        #expect(BackendGroup(parsing: "=127.0.0.1:1") == nil)
        #expect(BackendGroup(parsing: "stable=127.0.0.1:1,nope") == nil)
    }

    @Test(
        "weights are percent with one decimal, turned into permille",
        arguments: [
            ("canary=10", 100), ("canary=0.5", 5), ("canary=100", 1000), ("canary=12.5%", 125), ("canary=0", 0),
        ]
    )
    func weights(text: String, permille: Int) {
        let parsed = ProxyConfiguration.parseWeight(text)
        #expect(parsed?.group == "canary")
        #expect(parsed?.permille == permille)
    }

    @Test(
        "weights finer than 0.1% or above 100% are refused",
        arguments: ["canary=0.25", "canary=101", "canary=-1", "canary", "=5", "canary=ten"])
    func badWeights(text: String) {
        #expect(ProxyConfiguration.parseWeight(text) == nil)
    }

    @Test("routes parse as header:NAME=VALUE=GROUP or cookie:NAME=VALUE=GROUP")
    func routes() {
        #expect(
            Route(parsing: "header:X-Canary=always=canary")
                == Route(.header(name: "X-Canary", value: "always"), to: "canary"))
        #expect(Route(parsing: "cookie:beta=yes=canary") == Route(.cookie(name: "beta", value: "yes"), to: "canary"))
        #expect(Route(parsing: "query:x=y=canary") == nil)
        #expect(Route(parsing: "header:X-Canary=always") == nil)
    }

    @Test("a configuration naming an unknown group in a route or twice the same group is refused")
    func badConfigurations() {
        let listen = Endpoint(host: "127.0.0.1", port: 0)
        let stable = BackendGroup(name: "stable", addresses: [])
        #expect(throws: ProxyError(.invalidBackends, "route to \"canary\", which is not a backend group")) {
            try TrafficProxy(
                configuration: .init(
                    listen: listen, backends: [stable], routes: [Route(.header(name: "a", value: "b"), to: "canary")]))
        }
        #expect(throws: ProxyError(.invalidBackends, "backend group \"stable\" is configured twice")) {
            try TrafficProxy(configuration: .init(listen: listen, backends: [stable, stable]))
        }
    }
}
