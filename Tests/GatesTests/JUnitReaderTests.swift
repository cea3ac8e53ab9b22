import Foundation
import Testing

@testable import Gates

@Suite("JUnit reports")
struct JUnitReaderTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/junit")

    static func read(_ name: String) throws -> TestReport {
        try JUnitReader.read(contentsOf: fixtures.appendingPathComponent(name).path)
    }

    @Test("pytest: classname, file, failures with messages, skips")
    func pytest() throws {
        let report = try Self.read("pytest.xml")
        #expect(report.finalResults.count == 4)
        #expect(report.count(.passed) == 2 && report.count(.failed) == 1 && report.count(.skipped) == 1)
        let failed = try #require(report.cases.first { $0.outcome == .failed })
        #expect(failed.identifier == "tests.test_math::test_divide")
        #expect(failed.message == "ZeroDivisionError: division by zero")
        #expect(failed.file == "tests/test_math.py")
        #expect(failed.line == 7)
    }

    @Test("Playwright: suites named by spec file, CDATA failures, attachments in system-out, skips")
    func playwright() throws {
        let report = try Self.read("playwright.xml")
        #expect(report.finalResults.map(\.outcome) == [.passed, .failed, .skipped])
        let failed = try #require(report.finalResults.first { $0.outcome == .failed })
        #expect(failed.identifier == "checkout.spec.ts::checkout › pays with a saved card")
        #expect(failed.message == "checkout.spec.ts:18:5 checkout › pays with a saved card")
        #expect(failed.duration == 2.697)
        #expect(failed.line == nil)
    }

    @Test("Surefire: flakyFailure is an earlier failed attempt of a test that then passed")
    func surefireFlaky() throws {
        let report = try Self.read("surefire-flaky.xml")
        let attempts = report.cases.filter { $0.name == "testRetry" }
        #expect(attempts.map(\.outcome) == [.failed, .failed, .passed])
        #expect(attempts.map(\.attempt) == [1, 2, 3])
        #expect(report.finalResults.first { $0.name == "testRetry" }?.outcome == .passed)
        #expect(report.count(.errored) == 1)
    }

    @Test("jest-junit and swift test: nested suites, no file, time in seconds")
    func jestAndSwift() throws {
        let jest = try Self.read("jest.xml")
        #expect(jest.finalResults.map(\.outcome) == [.passed, .failed])
        let swift = try Self.read("swift-xunit.xml")
        #expect(swift.finalResults.count == 2)
        #expect(swift.finalResults[0].duration == 0.012)
    }

    @Test("the same test in two Playwright projects is two runs: a pass in one does not hide a failure in the other")
    func projects() throws {
        let xml = """
            <testsuites>
            <testsuite name="cart.spec.ts" hostname="chromium"><testcase name="pays" classname="cart.spec.ts">\
            <failure message="timed out"/></testcase></testsuite>
            <testsuite name="cart.spec.ts" hostname="firefox"><testcase name="pays" classname="cart.spec.ts"/></testsuite>
            </testsuites>
            """
        let report = try JUnitReader.parse(Data(xml.utf8), path: "results.xml")
        #expect(report.finalResults.map(\.outcome) == [.failed, .passed])
        #expect(report.count(.failed) == 1)
    }

    @Test("a file that is not JUnit, or not XML, is an error naming the file")
    func errors() {
        #expect(throws: ReportError.self) { try JUnitReader.parse(Data("<html></html>".utf8), path: "x.xml") }
        do {
            _ = try JUnitReader.parse(Data("<testsuite><testcase name='a'>".utf8), path: "broken.xml")
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error.path == "broken.xml")
        }
    }
}
