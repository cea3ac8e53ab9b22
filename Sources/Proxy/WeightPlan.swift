import Atomics

/// The weighted choice: a fixed cycle of 1000 slots in which group `i` fills exactly `permille[i]` slots, spread as
/// evenly as smooth weighted round-robin spreads them, and a shared counter walking that cycle.
///
/// Every weighted request takes the next slot, whatever I/O thread it arrives on, so each run of 1000 consecutive
/// weighted requests that starts at a multiple of 1000 holds exactly `permille[i]` requests of group `i`, and any run
/// of 1000 consecutive ones is off by at most one per group. The replica is chosen afterwards, so the split does
/// not depend on how many replicas a group has.
final class WeightPlan: Sendable {
    static let cycle = 1000

    /// Permille per group index; adds up to 1000.
    let permille: [Int]
    private let slots: [UInt16]
    private let counter = ManagedAtomic<Int>(0)

    init(permille: [Int]) {
        precondition(permille.reduce(0, +) == Self.cycle && permille.allSatisfy { $0 >= 0 })
        self.permille = permille
        self.slots = Self.smoothSequence(permille)
    }

    /// The group index for the next weighted request.
    func next() -> Int {
        let ticket = counter.loadThenWrappingIncrement(ordering: .relaxed)
        return Int(slots[Int(UInt(bitPattern: ticket) % UInt(Self.cycle))])
    }

    /// The slot sequence itself, for tests.
    var sequence: [Int] { slots.map(Int.init) }

    /// Smooth weighted round-robin (as nginx balances weighted upstreams): each step adds every weight to its
    /// group's credit, picks the largest credit (lowest index on ties) and takes the total from it.
    static func smoothSequence(_ weights: [Int]) -> [UInt16] {
        var credit = [Int](repeating: 0, count: weights.count)
        var result: [UInt16] = []
        result.reserveCapacity(cycle)
        for _ in 0..<cycle {
            var best = -1
            for index in weights.indices where weights[index] > 0 {
                credit[index] += weights[index]
                if best < 0 || credit[index] > credit[best] { best = index }
            }
            credit[best] -= cycle
            result.append(UInt16(best))
        }
        return result
    }

    /// Turns weights by group name into permille per group index: checks the range and the names, lets the groups
    /// not named share what the named ones leave (evenly, the remainder to the first ones), and requires a total
    /// of 1000 when every group is named. An empty dictionary gives everything to the first group.
    static func resolve(_ weights: [String: Int], groups: [String]) throws(ProxyError) -> [Int] {
        guard !groups.isEmpty else { throw ProxyError(.invalidBackends, "no backend group is configured") }
        if weights.isEmpty { return groups.indices.map { $0 == 0 ? cycle : 0 } }
        for (name, value) in weights.sorted(by: { $0.key < $1.key }) {
            guard groups.contains(name) else {
                throw ProxyError(
                    .invalidWeights,
                    "weight for \"\(name)\", which is not a backend group (groups: \(groups.joined(separator: ", ")))"
                )
            }
            guard (0...cycle).contains(value) else {
                throw ProxyError(.invalidWeights, "weight \(value) for \"\(name)\" is outside 0...1000 permille")
            }
        }
        let given = weights.values.reduce(0, +)
        let unnamed = groups.indices.filter { weights[groups[$0]] == nil }
        guard given <= cycle else {
            throw ProxyError(.invalidWeights, "weights add up to \(given) permille, more than 1000")
        }
        if unnamed.isEmpty && given != cycle {
            throw ProxyError(.invalidWeights, "weights add up to \(given) permille; they must add up to 1000")
        }
        var result = groups.map { weights[$0] ?? 0 }
        let rest = cycle - given
        for (position, index) in unnamed.enumerated() {
            result[index] = rest / unnamed.count + (position < rest % unnamed.count ? 1 : 0)
        }
        return result
    }
}
