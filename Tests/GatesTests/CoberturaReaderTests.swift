import Foundation
import Testing

@testable import Gates

@Suite("Cobertura reports")
struct CoberturaReaderTests {
    @Test("coverage.py: files joined to their source, branches from condition-coverage, no methods")
    func coveragePy() throws {
        let report = try CoberturaReader.read(contentsOf: Fixtures.path("cobertura/coverage-py.xml"))
        #expect(
            report.files.map(\.path) == [
                "/home/runner/work/inventory/inventory/src/inventory/__init__.py",
                "/home/runner/work/inventory/inventory/src/inventory/stock.py",
            ])
        let stock = report.files[1]
        #expect(stock.lines == CoverageCount(found: 8, hit: 6))
        #expect(stock.branches == CoverageCount(found: 4, hit: 2))
        #expect(stock.functions == CoverageCount(found: 0, hit: 0))
        #expect(report.total.lines == CoverageCount(found: 9, hit: 7))
    }

    @Test("Maven Cobertura: inner classes merge into their file, method lines are not counted twice")
    func maven() throws {
        let report = try CoberturaReader.read(contentsOf: Fixtures.path("cobertura/maven.xml"))
        #expect(report.files.count == 1)
        let invoice = report.files[0]
        #expect(invoice.path == "/builds/acme/billing/src/main/java/com/acme/billing/Invoice.java")
        #expect(invoice.lines == CoverageCount(found: 10, hit: 7))
        #expect(invoice.branches == CoverageCount(found: 2, hit: 1))
        #expect(invoice.functions == CoverageCount(found: 4, hit: 3))
    }

    @Test("a relative source directory is joined, '.' is not")
    func sources() {
        #expect(CoberturaReader.resolve("pkg/a.py", sources: ["."]) == "pkg/a.py")
        #expect(CoberturaReader.resolve("pkg/a.py", sources: ["src"]) == "src/pkg/a.py")
        #expect(CoberturaReader.resolve("/abs/a.py", sources: ["src"]) == "/abs/a.py")
        #expect(CoberturaReader.resolve("pkg/a.py", sources: []) == "pkg/a.py")
    }

    @Test("a JUnit file, a cut-off file and bad numbers are errors naming the file")
    func errors() throws {
        let junit = try #require(throws: ReportError.self) {
            try CoberturaReader.read(contentsOf: Fixtures.path("cobertura/junit-root.xml"))
        }
        #expect(junit.message == "not a Cobertura report: expected a <coverage> root element, found <testsuites>")
        #expect(junit.line == 2)
        let truncated = try #require(throws: ReportError.self) {
            try CoberturaReader.read(contentsOf: Fixtures.path("cobertura/truncated.xml"))
        }
        #expect(truncated.path.hasSuffix("cobertura/truncated.xml"))
        let bad = Data(
            "<coverage><packages><package><classes><class filename='a.py'><lines>\n<line number='x' hits='1'/></lines></class></classes></package></packages></coverage>"
                .utf8)
        let error = try #require(throws: ReportError.self) { try CoberturaReader.parse(bad, path: "c.xml") }
        #expect(
            error
                == ReportError(path: "c.xml", line: 2, message: "a <line> needs a whole-number \"number\" and \"hits\"")
        )
    }

    @Test("condition-coverage is read as covered of total")
    func conditions() {
        #expect(CoberturaParserDelegate.conditions("50% (1/2)")! == (1, 2))
        #expect(CoberturaParserDelegate.conditions("100% (4/4)")! == (4, 4))
        #expect(CoberturaParserDelegate.conditions("50%") == nil)
        #expect(CoberturaParserDelegate.conditions("(3/2)") == nil)
    }
}
