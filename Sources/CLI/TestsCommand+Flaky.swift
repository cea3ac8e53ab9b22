import ArgumentParser
import Foundation
import Gates
import Persistence

extension TestsCommand {
    /// `gantry tests flaky`: the tests that passed and failed on one commit, or flip too often.
    struct Flaky: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List flaky tests: passed and failed on one commit, or flip too often.",
            discussion: """
                Pass rate is the first-attempt pass rate: of a test's latest runs (skipped runs not counted), the \
                share whose first attempt passed. Flip rate is how often that first-attempt outcome changed from one \
                run to the next. A flaky test whose pass rate is below the alert threshold is marked ALERT.
                """
        )

        @Option(help: "How many of each test's latest runs to look at (1-\(TestRunSummary.retainedRuns)).")
        var window = FlakyCriteria().window
        @Option(name: .customLong("flip-rate"), help: "A test flipping more often than this is flaky.")
        var flipRate = FlakyCriteria().flipRateThreshold
        @Option(name: .customLong("alert-pass-rate"), help: "Alert on a flaky test whose pass rate is below this.")
        var alertPassRate = FlakyCriteria().alertPassRate
        @Option(help: "text or json.")
        var format = Format.text

        func validate() throws {
            guard (1...TestRunSummary.retainedRuns).contains(window) else {
                throw ValidationError("--window must be between 1 and \(TestRunSummary.retainedRuns), found \(window)")
            }
        }

        func run() async throws {
            let store = try TestsCommand.openStore()
            let criteria = FlakyCriteria(window: window, flipRateThreshold: flipRate, alertPassRate: alertPassRate)
            let flaky = try await FlakyAnalysis.flakyTests(in: store, criteria: criteria)
            let quarantined = try await store.quarantinedIdentifiers()
            let rows = flaky.map { FlakyRow($0, quarantined: quarantined.contains($0.history.identifier)) }
            if format == .json {
                print(try TestsCommand.json(FlakyReport(criteria: criteria, tests: rows)))
                return
            }
            guard !rows.isEmpty else {
                print("no flaky test in the latest \(window) runs of each test")
                return
            }
            let width = max(4, rows.map(\.identifier.count).max() ?? 0)
            print(SummaryPrinter.pad("TEST", width) + "  RUNS  PASS    FLIP  ALERT  FIRST SEEN            LAST FAILURE")
            let formatter = ISO8601DateFormatter()
            for row in rows {
                let columns = [
                    SummaryPrinter.pad(row.identifier, width), SummaryPrinter.pad("\(row.runs)", 4),
                    SummaryPrinter.pad(String(format: "%.1f%%", row.passRate * 100), 6),
                    SummaryPrinter.pad(String(format: "%.2f", row.flipRate), 4),
                    SummaryPrinter.pad(row.alert ? "ALERT" : row.quarantined ? "quar." : "-", 5),
                    SummaryPrinter.pad(formatter.string(from: row.firstSeenAt), 20), row.lastFailureMessage ?? "",
                ]
                print(columns.joined(separator: "  "))
            }
        }
    }

    /// `gantry tests flaky --format json`.
    struct FlakyReport: Encodable {
        var criteria: FlakyCriteria
        var tests: [FlakyRow]
    }

    /// One flaky test as `gantry tests flaky` shows it.
    struct FlakyRow: Encodable {
        var identifier, suite, className, name: String
        var file: String?
        var runs: Int
        var passRate, flipRate: Double
        var flips, flippedOnCommitRuns, passedOnRetryRuns: Int
        var reasons: [TestAssessment.Reason]
        var alert, quarantined: Bool
        var lastFailureMessage: String?
        var lastFailureAt: Date?
        var lastFailureCommit: String?
        var firstSeenAt, lastSeenAt: Date

        init(_ assessment: TestAssessment, quarantined: Bool) {
            let history = assessment.history
            identifier = history.identifier
            suite = history.suite
            className = history.className
            name = history.name
            file = history.file
            runs = assessment.runs
            passRate = assessment.passRate
            flipRate = assessment.flipRate
            flips = assessment.flips
            flippedOnCommitRuns = assessment.flippedOnCommitRuns
            passedOnRetryRuns = assessment.passedOnRetryRuns
            reasons = assessment.reasons
            alert = assessment.alert
            self.quarantined = quarantined
            lastFailureMessage = history.lastFailureMessage
            lastFailureAt = history.lastFailureAt
            lastFailureCommit = history.lastFailureCommit
            firstSeenAt = history.firstSeenAt
            lastSeenAt = history.lastSeenAt
        }
    }
}
