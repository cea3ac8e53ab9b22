import Foundation
import Testing

extension DeliveryScenarios {
    /// Header and cookie routes and the sticky cookie of a service's proxy under `gantry serve`.
    @Suite("routing rules and stickiness")
    struct RoutingEndToEndTests {
        static let pausedCanary = """
            routing:
              stickyCookie: gantry-version
              routes:
                - header: X-Gantry-Canary
                  value: always
            strategy:
              canary:
                baseline: false
                steps:
                  - setWeight: 10
                  - pause: {}
                  - setWeight: 100
            """

        @Test(
            "a header route reaches the canary whatever its weight; a sticky client stays on its version until the canary is aborted",
            .timeLimit(.minutes(1)))
        func headerRouteAndStickiness() async throws {
            let world = try DeliveryWorld(rollout: Self.pausedCanary)
            defer { world.stop() }
            try world.startServe()
            #expect(try world.deploy("good").status == 0)
            try await world.waitFor { try world.phase() == "succeeded" }
            #expect(try world.deploy("good2").status == 0)
            try await world.waitFor { try world.phase() == "paused" }

            for _ in 0..<10 {
                #expect(try world.curl(["-H", "X-Gantry-Canary: always"]) == "hello from good2\n")
                #expect(try world.curl(["-b", "gantry-version=canary"]) == "hello from good2\n")
                #expect(try world.curl(["-b", "gantry-version=stable"]) == "hello from good\n")
            }
            // A new client is told where it went, and keeps going there.
            let headers = try world.curl(["-s", "-D", "-", "-o", "/dev/null"])
            let assigned = try #require(
                headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: gantry-version=") })
            #expect(assigned.contains("gantry-version=stable") || assigned.contains("gantry-version=canary"), "\(assigned)")

            // Aborted: the canary has no weight, so sticky canary clients are back on stable; its replicas left
            // the proxy at once, so the header route finds none and falls through to stable too.
            let abort = try world.gantry(["deploy", "abort", "web", "--server", world.server, "--by", "alice"])
            #expect(abort.status == 0, "\(abort.stderr)")
            try await world.waitFor { try world.phase() == "aborted" }
            for _ in 0..<10 {
                #expect(try world.curl(["-b", "gantry-version=canary"]) == "hello from good\n")
                #expect(try world.curl(["-H", "X-Gantry-Canary: always"]) == "hello from good\n")
            }
        }
    }
}

extension DeliveryWorld {
    /// `curl` against the service's proxy with extra arguments; the body (or whatever the arguments print).
    func curl(_ arguments: [String], path: String = "/") throws -> String {
        try Sandbox.execute(
            ["/usr/bin/env", "curl", "-s", "--max-time", "5"] + arguments + ["http://127.0.0.1:\(proxyPort)\(path)"],
            in: sandbox.root
        ).stdout
    }
}
