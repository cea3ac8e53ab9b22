import Testing

@testable import Proxy

@Suite("weighted choice")
struct WeightPlanTests {
    @Test(
        "every cycle of 1000 slots holds exactly each group's permille",
        arguments: [0, 1, 5, 10, 100, 333, 500, 999, 1000])
    func exactPerCycle(canary: Int) {
        let plan = WeightPlan(permille: [1000 - canary, canary])
        var counts = [0, 0]
        for _ in 0..<3000 { counts[plan.next()] += 1 }
        #expect(counts == [3 * (1000 - canary), 3 * canary])
    }

    @Test("any 1000 consecutive slots are off by at most one per group", arguments: [7, 100, 333, 450])
    func slidingWindows(canary: Int) {
        let sequence = WeightPlan(permille: [1000 - canary, canary]).sequence
        let doubled = sequence + sequence
        var inWindow = sequence.filter { $0 == 1 }.count
        for start in 1..<1000 {
            inWindow += (doubled[start + 999] == 1 ? 1 : 0) - (doubled[start - 1] == 1 ? 1 : 0)
            #expect(abs(inWindow - canary) <= 1)
        }
    }

    @Test("at 10% every tenth weighted request goes to the canary")
    func spreadEvenly() {
        let sequence = WeightPlan(permille: [900, 100]).sequence
        let positions = sequence.indices.filter { sequence[$0] == 1 }
        let gaps = zip(positions.dropFirst(), positions).map { $0 - $1 }
        #expect(positions.count == 100)
        #expect(Set(gaps) == [10])
    }

    @Test("three groups share the cycle exactly")
    func threeGroups() {
        let plan = WeightPlan(permille: [600, 300, 100])
        #expect([0, 1, 2].map { group in plan.sequence.filter { $0 == group }.count } == [600, 300, 100])
    }

    @Test("groups left out share the rest evenly, the remainder to the first ones")
    func resolveRest() throws {
        #expect(try WeightPlan.resolve(["canary": 100], groups: ["stable", "canary"]) == [900, 100])
        #expect(try WeightPlan.resolve([:], groups: ["stable", "canary"]) == [1000, 0])
        #expect(try WeightPlan.resolve(["c": 1], groups: ["a", "b", "c"]) == [500, 499, 1])
        #expect(try WeightPlan.resolve(["a": 250, "b": 750], groups: ["a", "b"]) == [250, 750])
    }

    @Test(
        "bad weights are refused with a message naming the problem",
        arguments: [
            (["nope": 10], "weight for \"nope\", which is not a backend group (groups: stable, canary)"),
            (["canary": 1001], "weight 1001 for \"canary\" is outside 0...1000 permille"),
            (["canary": -1], "weight -1 for \"canary\" is outside 0...1000 permille"),
            (["stable": 600, "canary": 600], "weights add up to 1200 permille, more than 1000"),
            (["stable": 600, "canary": 300], "weights add up to 900 permille; they must add up to 1000"),
        ]
    )
    func resolveErrors(weights: [String: Int], message: String) {
        #expect(throws: ProxyError(.invalidWeights, message)) {
            try WeightPlan.resolve(weights, groups: ["stable", "canary"])
        }
    }
}
