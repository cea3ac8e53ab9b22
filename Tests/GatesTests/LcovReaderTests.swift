import Foundation
import Testing

@testable import Gates

@Suite("lcov reports")
struct LcovReaderTests {
    static func read(_ name: String) throws -> CoverageReport {
        try LcovReader.read(contentsOf: Fixtures.path("lcov/" + name))
    }

    @Test("nyc: lines, branches and functions per file, from absolute SF paths")
    func nyc() throws {
        let report = try Self.read("nyc.info")
        #expect(
            report.files.map(\.path) == [
                "/home/runner/work/shop/shop/src/cart.js", "/home/runner/work/shop/shop/src/price.js",
            ])
        let cart = report.files[0]
        #expect(cart.lines == CoverageCount(found: 10, hit: 8))
        #expect(cart.branches == CoverageCount(found: 4, hit: 2))
        #expect(cart.functions == CoverageCount(found: 3, hit: 2))
        #expect(report.total.lines == CoverageCount(found: 13, hit: 11))
        #expect(report.total.branches == CoverageCount(found: 4, hit: 2))
        #expect(report.total.functions == CoverageCount(found: 4, hit: 3))
    }

    @Test("llvm-cov export: mangled function names, totals after the details")
    func llvmCov() throws {
        let file = try #require(try Self.read("llvm-cov.info").files.first)
        #expect(file.lines == CoverageCount(found: 10, hit: 7))
        #expect(file.branches == CoverageCount(found: 2, hit: 2))
        #expect(file.functions == CoverageCount(found: 2, hit: 1))
    }

    @Test("coverage.py: DA checksums, a never-run branch written as -, a file with no lines")
    func coveragePy() throws {
        let report = try Self.read("coverage-py.info")
        #expect(report.files.count == 2)
        #expect(report.files[0].lines == CoverageCount(found: 6, hit: 5))
        #expect(report.files[0].branches == CoverageCount(found: 2, hit: 1))
        #expect(report.files[1].lines == CoverageCount(found: 0, hit: 0))
        #expect(report.files[1].lines.percent == nil)
    }

    @Test("records of one file from two tests merge: a line hit by either is covered")
    func merged() throws {
        let report = try Self.read("merged-tests.info")
        #expect(report.files.count == 1)
        #expect(report.files[0].lines == CoverageCount(found: 4, hit: 4))
        #expect(report.files[0].functions == CoverageCount(found: 1, hit: 1))
    }

    @Test(
        "a malformed file is an error with its path and line",
        arguments: [
            ("truncated.info", nil as Int?, "the record for \"src/a.js\" has no end_of_record; was the file cut off?"),
            ("bad-line.info", 4, "invalid DA: line \"DA:two,0\""),
            ("not-lcov.info", 1, "not an lcov line: expected KEY:value, found \"<?xml version=\"1.0\"?>\""),
        ])
    func errors(name: String, line: Int?, message: String) throws {
        let path = Fixtures.path("lcov/" + name)
        let error = try #require(throws: ReportError.self) { try LcovReader.read(contentsOf: path) }
        #expect(error == ReportError(path: path, line: line, message: message))
    }

    @Test("an empty file is not a report")
    func empty() {
        #expect(throws: ReportError(path: "x.info", message: "not an lcov report: it has no SF: records")) {
            try LcovReader.parse("", path: "x.info")
        }
    }

    @Test("coverage is compared exactly: 79.99% does not meet 80, 4 of 5 does")
    func meets() {
        #expect(!CoverageCount(found: 10000, hit: 7999).meets(80))
        #expect(CoverageCount(found: 5, hit: 4).meets(80))
        #expect(!CoverageCount(found: 0, hit: 0).meets(0))
    }
}
