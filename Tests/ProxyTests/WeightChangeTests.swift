import Proxy
import Testing

@Suite("changing weights and replicas under traffic")
struct WeightChangeTests {
    @Test("weights change 20 times under load from 4 connections and not one request fails")
    func changesUnderLoad() async throws {
        try await ProxyHarness.run(weights: ["canary": 100]) { harness in
            let plan = [0, 1000, 500, 100, 900]
            let (progress, tick) = AsyncStream<Void>.makeStream()
            let changer = Task {
                var responses = 0
                var changes = 0
                for await _ in progress {
                    responses += 1
                    if responses % 100 == 0 && changes < 20 {
                        try harness.proxy.setWeights(["canary": plan[changes % plan.count]])
                        changes += 1
                    }
                }
                return changes
            }
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let client = try await harness.client()
                        var statuses: [Int] = []
                        for _ in 0..<600 {
                            statuses.append(try await client.request().status)
                            tick.yield()
                        }
                        await client.close()
                        return statuses
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            tick.finish()
            #expect(try await changer.value == 20)
            #expect(statuses.count == 2400)
            #expect(statuses.allSatisfy { $0 == 200 })
            let snapshot = harness.proxy.metrics()
            let total = snapshot.versions.reduce(StatusCounts()) { $0 + $1.total }
            #expect(total.success == 2400)
            #expect(total.failures == 0)
            #expect(harness.backend("stable").requestCount + harness.backend("canary").requestCount == 2400)
        }
    }

    @Test("a request in flight finishes on its replica after its version is drained and removed")
    func inFlightStays() async throws {
        try await ProxyHarness.run(weights: ["canary": 1000]) { harness in
            let client = try await harness.client()
            async let slow = client.request(.GET, "/slow")
            var arrivals = harness.backend("canary").arrivals.makeAsyncIterator()
            _ = await arrivals.next()
            try harness.proxy.setWeights(["canary": 0])
            try harness.proxy.setBackends(group: "canary", addresses: [])
            let other = try await harness.client()
            #expect(try await other.request().header("x-backend") == "stable")
            harness.backend("canary").release()
            let response = try await slow
            #expect(response.status == 200)
            #expect(response.header("x-backend") == "canary")
            #expect(harness.proxy.metrics()["canary"]?.total.success == 1)
            await other.close()
            await client.close()
        }
    }

    @Test("replicas added later take their round-robin share")
    func replicasAdded() async throws {
        try await ProxyHarness.run(groups: [("stable", 2), ("canary", 1)], weights: ["canary": 0]) { harness in
            try harness.proxy.setBackends(group: "stable", addresses: [harness.backend("stable", 0).endpoint])
            #expect(try await harness.load(40, connections: 2).allSatisfy { $0 == "stable-0" })
            try harness.proxy.setBackends(group: "stable", addresses: harness.backends["stable"]!.map(\.endpoint))
            let seen = try await harness.load(40, connections: 2)
            #expect(seen.filter { $0 == "stable-1" }.count == 20)
            #expect(harness.proxy.backends["stable"]?.count == 2)
        }
    }
}
