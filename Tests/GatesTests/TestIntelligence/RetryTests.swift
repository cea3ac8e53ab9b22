import Foundation
import Gates
import Testing

@Suite("tests retry")
struct RetryTests {
    static func result(_ name: String, _ outcome: TestOutcome, message: String? = nil) -> TestCaseResult {
        TestCaseResult(
            suite: "suite", className: "pkg.Class", name: name, file: "t.py", outcome: outcome, duration: 0.25,
            message: message ?? (outcome == .passed ? nil : "\(name) \(outcome)"))
    }

    @Test("re-runs only the failing tests, ignores the repeats of passed ones, stops when all pass")
    func session() {
        var session = RetrySession(maxRetries: 2)
        let first = session.record(
            [Self.result("a", .passed), Self.result("b", .failed), Self.result("c", .errored)], exitStatus: 1)
        #expect(first == .rerun([Self.result("b", .failed), Self.result("c", .errored)]))
        // A whole-command re-run: a fails this time, but it had passed, so it is not recorded.
        let second = session.record(
            [Self.result("a", .failed), Self.result("b", .passed), Self.result("c", .failed)], exitStatus: 1)
        #expect(second == .rerun([Self.result("c", .failed)]))
        #expect(session.record([Self.result("c", .passed)], exitStatus: 0) == .finish)
        #expect(session.attempts == 3)
        #expect(session.passedOnRetry == ["pkg.Class::b", "pkg.Class::c"])
        #expect(
            session.mergedResults.map { $0.map(\.outcome) } == [
                [.passed], [.failed, .passed], [.errored, .failed, .passed],
            ])
        #expect(session.mergedResults[2].map(\.attempt) == [1, 2, 3])
        #expect(session.verdict(quarantined: []).passed)
    }

    @Test("stops after max re-runs and fails, unless only quarantined tests failed")
    func exhausted() {
        var session = RetrySession(maxRetries: 1)
        #expect(session.record([Self.result("a", .failed)], exitStatus: 1) == .rerun([Self.result("a", .failed)]))
        #expect(session.record([], exitStatus: 1) == .finish)
        #expect(session.notes == ["attempt 2 reported no result for \"pkg.Class::a\", which it was to re-run"])
        #expect(!session.verdict(quarantined: []).passed)
        #expect(session.verdict(quarantined: ["pkg.Class::a"]).passed)
    }

    @Test("a command that fails with no failed test, or writes no report, fails without a re-run")
    func commandFailures() {
        var noReport = RetrySession(maxRetries: 2)
        #expect(noReport.record([], exitStatus: 0) == .finish)
        #expect(noReport.verdict(quarantined: []) == (false, "the command wrote no JUnit report (exit status 0)"))
        var unexplained = RetrySession(maxRetries: 2)
        #expect(unexplained.record([Self.result("a", .passed)], exitStatus: 3) == .finish)
        #expect(
            unexplained.verdict(quarantined: []) == (false, "the command exited with status 3 although no test failed"))
    }

    @Test("placeholders expand to the failed tests, and to nothing on the first attempt")
    func commandLine() {
        let failed = [Self.result("test_a", .failed), Self.result("test_b", .failed)]
        let line = RetryCommandLine([
            "pytest", "{tests}", "-k", "{names: or }", "--only={names:,}", "{classes}", "{other}",
        ])
        #expect(line.hasPlaceholder)
        #expect(line.arguments(rerunning: nil) == ["pytest", "-k", "", "--only=", "{other}"])
        #expect(
            line.arguments(rerunning: failed) == [
                "pytest", "pkg.Class::test_a", "pkg.Class::test_b", "-k", "test_a or test_b", "--only=test_a,test_b",
                "pkg.Class", "{other}",
            ])
        #expect(!RetryCommandLine(["make", "test", "{x}"]).hasPlaceholder)
    }

    @Test("the merged report reads back attempt by attempt with the JUnit reader")
    func roundTrip() throws {
        let attempts: [[TestCaseResult]] = [
            [Self.result("ok", .passed)],
            [Self.result("flaky", .failed, message: "1 != 2 & <oops>"), Self.result("flaky", .passed)],
            [Self.result("broken", .errored), Self.result("broken", .failed, message: "line one\nline two")],
            [Self.result("skipped", .skipped, message: "no network")],
        ].map { attempts in
            attempts.enumerated().map {
                var result = $1
                result.attempt = $0 + 1
                return result
            }
        }
        let xml = RetryReportWriter.xml(attempts)
        let report = try JUnitReader.parse(Data(xml.utf8), path: "gantry-retry.xml")
        #expect(report.cases.map(\.name) == ["ok", "flaky", "flaky", "broken", "broken", "skipped"])
        #expect(report.cases.map(\.outcome) == [.passed, .failed, .passed, .errored, .failed, .skipped])
        #expect(report.cases.map(\.attempt) == [1, 1, 2, 1, 2, 1])
        #expect(report.cases[1].message == "1 != 2 & <oops>")
        #expect(report.cases[4].message == "line one\nline two")
        #expect(report.cases.allSatisfy { $0.identifier.hasPrefix("pkg.Class::") && $0.file == "t.py" })
        #expect(report.finalResults.map(\.outcome) == [.passed, .passed, .failed, .skipped])
    }

    @Test("report files are the ones written since the snapshot, never older ones")
    func reportFiles() throws {
        let root = NSTemporaryDirectory() + "gantry-retry-files-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(
            atPath: root + "/build/reports/nested", withIntermediateDirectories: true)
        try "old".write(toFile: root + "/build/reports/junit-old.xml", atomically: true, encoding: .utf8)
        let finder = ReportFileFinder(root: root, patterns: ["build/reports/**/junit-*.xml", "!**/junit-skip.xml"])
        let before = finder.snapshot()
        #expect(Array(before.keys) == [root + "/build/reports/junit-old.xml"])
        try "new".write(toFile: root + "/build/reports/nested/junit-new.xml", atomically: true, encoding: .utf8)
        try "skip".write(toFile: root + "/build/reports/junit-skip.xml", atomically: true, encoding: .utf8)
        try "other".write(toFile: root + "/build/reports/other.xml", atomically: true, encoding: .utf8)
        #expect(finder.files(writtenSince: before) == [root + "/build/reports/nested/junit-new.xml"])
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: root + "/build/reports/junit-old.xml")
        #expect(finder.files(writtenSince: before).count == 2)
    }
}
