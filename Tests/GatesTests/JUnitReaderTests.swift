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
