import Proxy
import Testing

@Suite("splitting by weight through real sockets")
struct WeightSplittingTests {
    @Test("10% of 10,000 requests go to the canary: exactly 1000")
    func exactTenPercent() async throws {
        try await ProxyHarness.run(weights: ["canary": 100]) { harness in
            let seen = try await harness.load(10_000, connections: 8)
            #expect(seen.filter { $0 == "canary" }.count == 1000)
            #expect(seen.filter { $0 == "stable" }.count == 9000)
            #expect(harness.backend("canary").requestCount == 1000)
            let snapshot = harness.proxy.metrics()
            #expect(snapshot["canary"]?.total.success == 1000)
            #expect(snapshot["stable"]?.total.success == 9000)
            #expect(snapshot["canary"]?.weightPermille == 100)
        }
    }

    @Test("the split is the same whether the canary has 1 or 3 replicas, and the replicas share it")
    func independentOfReplicaCount() async throws {
        for canaryReplicas in [1, 3] {
            try await ProxyHarness.run(
                groups: [("stable", 2), ("canary", canaryReplicas)], weights: ["canary": 250]
            ) { harness in
                let seen = try await harness.load(4000, connections: 6)
                #expect(seen.filter { $0.hasPrefix("canary") }.count == 1000, "with \(canaryReplicas) canary replicas")
                #expect(seen.filter { $0.hasPrefix("stable") }.count == 3000)
                let perReplica = harness.backends["canary"]!.map(\.requestCount)
                #expect(perReplica.reduce(0, +) == 1000)
                // Round-robin per I/O thread: each replica gets its share to within a few requests.
                for count in perReplica {
                    #expect(abs(count - 1000 / canaryReplicas) <= 8, "per replica: \(perReplica)")
                }
            }
        }
    }

    @Test("a weight of 0 sends nothing and 1000 sends everything")
    func extremes() async throws {
        try await ProxyHarness.run(weights: ["canary": 0]) { harness in
            #expect(try await harness.load(300, connections: 3).allSatisfy { $0 == "stable" })
            try harness.proxy.setWeights(["canary": 1000])
            #expect(try await harness.load(300, connections: 3).allSatisfy { $0 == "canary" })
        }
    }

    @Test("a weighted choice for a version with no ready replica goes to a version that has one")
    func fallbackWithoutReplicas() async throws {
        try await ProxyHarness.run(weights: ["canary": 500]) { harness in
            try harness.proxy.setBackends(group: "canary", addresses: [])
            #expect(try await harness.load(100, connections: 2).allSatisfy { $0 == "stable" })
            #expect(harness.proxy.metrics()["canary"]?.readyReplicas == 0)
        }
    }
}
