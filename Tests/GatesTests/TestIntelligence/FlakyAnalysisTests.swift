import Foundation
import Gates
import Persistence
import Testing

@Suite("flaky analysis")
struct FlakyAnalysisTests {
    /// A history from run codes, oldest first (see `TestRunSummary`).
    static func history(_ codes: String, identifier: String = "suite::test") -> TestHistory {
        TestHistory(
            identifier: identifier, suite: "suite", className: "", name: "test",
            firstSeenAt: Date(timeIntervalSince1970: 0),
            lastSeenAt: Date(timeIntervalSince1970: 0), runs: TestRunSummary.decode(codes))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var codes: String
        var flaky: Bool
        var alert: Bool
        var passRate: Double
        var flipRate: Double
        var runs: Int
        var note: String
        var testDescription: String { note }
    }

    static let cases: [Case] = [
        Case(codes: "", flaky: false, alert: false, passRate: 1, flipRate: 0, runs: 0, note: "no runs"),
        Case(
            codes: "PPPPPPPPPP", flaky: false, alert: false, passRate: 1, flipRate: 0, runs: 10, note: "always passes"),
        Case(
            codes: "FFFFF", flaky: false, alert: false, passRate: 0, flipRate: 0, runs: 5,
            note: "always fails: broken, not flaky"),
        Case(
            codes: String(repeating: "P", count: 19) + "F", flaky: false, alert: false, passRate: 0.95,
            flipRate: 1.0 / 19, runs: 20,
            note: "broken once by a commit: one flip in 19 is under the threshold"),
        Case(
            codes: "PPPPPPPPPR", flaky: true, alert: true, passRate: 0.9, flipRate: 1.0 / 9, runs: 10,
            note: "passed on a retry: flipped on its commit"),
        Case(
            codes: String(repeating: "P", count: 99) + "R",
            flaky: true, alert: false, passRate: 0.98, flipRate: 1.0 / 49, runs: 50,
            note: "one retry pass in 50 runs: flaky, but a 98% pass rate does not alert"),
        Case(
            codes: "PFPFPFPFPF", flaky: true, alert: true, passRate: 0.5, flipRate: 1, runs: 10,
            note: "alternates on different commits: flip rate 1"),
        Case(
            codes: "PPPPPPPPPf", flaky: true, alert: true, passRate: 0.9, flipRate: 1.0 / 9, runs: 10,
            note: "failed where an earlier run of its commit passed"),
        Case(
            codes: "PPPPpPPPPP", flaky: true, alert: false, passRate: 1, flipRate: 0, runs: 10,
            note: "passed where an earlier run of its commit failed, all first attempts in the window passed"),
        Case(
            codes: "SSSSSPSFSSSSP", flaky: true, alert: true, passRate: 2.0 / 3, flipRate: 1, runs: 3,
            note: "skipped runs do not count, neither for rates nor for flips"),
        Case(
            codes: "RRRRR" + String(repeating: "P", count: 50), flaky: false, alert: false, passRate: 1, flipRate: 0,
            runs: 50, note: "retries older than the window are forgotten"),
    ]

    @Test("flaky when flipped on a commit or flipping often; alert under a 95% pass rate", arguments: cases)
    func table(_ row: Case) {
        let assessment = FlakyAnalysis.assess(Self.history(row.codes))
        #expect(assessment.isFlaky == row.flaky)
        #expect(assessment.alert == row.alert)
        #expect(assessment.runs == row.runs)
        #expect(abs(assessment.passRate - row.passRate) < 1e-9, "pass rate \(assessment.passRate)")
        #expect(abs(assessment.flipRate - row.flipRate) < 1e-9, "flip rate \(assessment.flipRate)")
    }

    @Test("the thresholds and the window are the caller's")
    func criteria() {
        let history = Self.history(String(repeating: "P", count: 70) + "FPPPP")
        #expect(!FlakyAnalysis.assess(history).isFlaky)
        #expect(FlakyAnalysis.assess(history, criteria: FlakyCriteria(window: 10)).reasons == [.flipRate])
        #expect(FlakyAnalysis.assess(history, criteria: FlakyCriteria(flipRateThreshold: 0.02)).isFlaky)
        let lenient = FlakyAnalysis.assess(Self.history("PPPPPPPPPR"), criteria: FlakyCriteria(alertPassRate: 0.9))
        #expect(lenient.isFlaky && !lenient.alert)
    }

    @Test("flaky tests come alert first, then by pass rate, then by identifier; stable ones are left out")
    func ordering() {
        let histories = [
            Self.history(String(repeating: "P", count: 49) + "R", identifier: "b::mild"),
            Self.history("PPPPPPPPPP", identifier: "a::stable"),
            Self.history("PFPFPFPFPF", identifier: "d::bad"),
            Self.history("PPFPPFPPFP", identifier: "c::worse"),
            Self.history("PFPFPFPFPF", identifier: "a::bad"),
        ]
        let flaky = FlakyAnalysis.flakyTests(histories)
        #expect(flaky.map(\.history.identifier) == ["a::bad", "d::bad", "c::worse", "b::mild"])
    }
}
