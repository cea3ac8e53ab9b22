import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads Cobertura XML as coverage.py, Cobertura, JaCoCo converters, gcovr, Istanbul and `dotnet-coverage` write it.
///
/// Counts come from each class's `<line>` elements (`hits`, and `condition-coverage="50% (1/2)"` on branch lines);
/// classes sharing a `filename` (Java inner classes) are merged, and a `<method>` counts as a covered function when
/// one of its lines ran. A relative `filename` is joined to the `<source>` directory it exists under (or the first).
public enum CoberturaReader {
    /// Reads and parses the file at `path`; the report and its errors name it as given.
    public static func read(contentsOf path: String) throws(ReportError) -> CoverageReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        return try parse(data, path: path)
    }

    /// Parses Cobertura XML read from `path`.
    public static func parse(_ data: Data, path: String) throws(ReportError) -> CoverageReport {
        let delegate = CoberturaParserDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), delegate.sawRoot, delegate.depth == 0 else {
            let line = parser.lineNumber > 0 ? parser.lineNumber : nil
            let reason =
                delegate.wrongRoot.map { "not a Cobertura report: expected a <coverage> root element, found <\($0)>" }
                ?? (!delegate.sawRoot
                    ? "not a Cobertura report: expected a <coverage> root element"
                    : delegate.depth != 0
                        ? "the report ends before its elements are closed; was it cut off?"
                        : (parser.parserError.map { "invalid XML: \($0.localizedDescription)" } ?? "invalid XML"))
            throw ReportError(path: path, line: line, message: reason)
        }
        if let problem = delegate.problem {
            throw ReportError(path: path, line: problem.line, message: problem.message)
        }
        let files = delegate.order.compactMap { name in
            delegate.files[name].map { $0.coverage(path: resolve(name, sources: delegate.sources)) }
        }
        return CoverageReport(path: path, files: files)
    }

    /// `filename` joined to the `<source>` directory that holds it, else to the first source.
    static func resolve(_ filename: String, sources: [String]) -> String {
        let usable = sources.filter { !$0.isEmpty && $0 != "." }
        guard !filename.hasPrefix("/"), let first = usable.first else { return filename }
        let join = { (source: String) in (source.hasSuffix("/") ? source : source + "/") + filename }
        return usable.first { FileManager.default.fileExists(atPath: join($0)) }.map(join) ?? join(first)
    }
}

/// SAX handler that collects per-file line, branch and method coverage.
final class CoberturaParserDelegate: NSObject, XMLParserDelegate {
    /// What one file's classes add up to.
    struct FileData {
        var lineHits: [Int: Int] = [:]
        var branches: [Int: (covered: Int, total: Int)] = [:]
        var methods = CoverageCount()

        func coverage(path: String) -> FileCoverage {
            FileCoverage(
                path: path, lines: CoverageCount(found: lineHits.count, hit: lineHits.values.filter { $0 > 0 }.count),
                branches: CoverageCount(
                    found: branches.values.reduce(0) { $0 + $1.total },
                    hit: branches.values.reduce(0) { $0 + $1.covered }),
                functions: methods)
        }
    }

    var files: [String: FileData] = [:]
    var order: [String] = []
    var sources: [String] = []
    var sawRoot = false
    var wrongRoot: String?
    var depth = 0
    var problem: (line: Int, message: String)?
    private var currentFile: String?
    private var inMethod = false
    private var methodHit = false
    private var methodRate = 0.0
    private var methodHasLines = false
    private var text = ""
    private var inSource = false

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        if depth == 1 {
            if element == "coverage" {
                sawRoot = true
            } else {
                wrongRoot = element
                parser.abortParsing()
            }
            return
        }
        switch element {
        case "source":
            inSource = true
            text = ""
        case "class":
            guard let filename = attributes["filename"], !filename.isEmpty else {
                fail(parser, "a <class> has no filename attribute")
                return
            }
            if files[filename] == nil {
                files[filename] = FileData()
                order.append(filename)
            }
            currentFile = filename
        case "method":
            inMethod = true
            methodHit = false
            methodHasLines = false
            methodRate = Double(attributes["line-rate"] ?? "") ?? 0
        case "line":
            guard let file = currentFile else { return }
            guard let number = Int(attributes["number"] ?? ""), let hits = Self.hits(attributes["hits"]) else {
                fail(parser, "a <line> needs a whole-number \"number\" and \"hits\"")
                return
            }
            if inMethod {
                methodHasLines = true
                if hits > 0 { methodHit = true }
                return
            }
            files[file]?.lineHits[number, default: 0] += hits
            if attributes["branch"] == "true", let condition = attributes["condition-coverage"] {
                guard let counts = Self.conditions(condition) else {
                    fail(parser, "invalid condition-coverage \"\(condition)\"; expected like \"50% (1/2)\"")
                    return
                }
                let known = files[file]?.branches[number]
                files[file]?.branches[number] = (
                    max(known?.covered ?? 0, counts.covered), max(known?.total ?? 0, counts.total)
                )
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inSource { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        switch element {
        case "source":
            inSource = false
            sources.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
        case "class":
            currentFile = nil
        case "method":
            inMethod = false
            guard let file = currentFile else { return }
            let hit = methodHasLines ? methodHit : methodRate > 0
            files[file]?.methods.found += 1
            if hit { files[file]?.methods.hit += 1 }
        default:
            break
        }
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if problem == nil { problem = (parser.lineNumber, message) }
    }

    /// `hits` as a whole number; some writers use very large counts or floats.
    static func hits(_ text: String?) -> Int? {
        guard let text else { return nil }
        if let value = Int(text) { return max(0, value) }
        if let value = Double(text), value.isFinite { return max(0, Int(min(value, Double(Int.max / 2)).rounded(.up))) }
        return nil
    }

    /// `"50% (1/2)"` → (1, 2).
    static func conditions(_ text: String) -> (covered: Int, total: Int)? {
        guard let open = text.firstIndex(of: "("), let slash = text.firstIndex(of: "/"),
            let close = text.firstIndex(of: ")"),
            open < slash, slash < close,
            let covered = Int(text[text.index(after: open)..<slash].trimmingCharacters(in: .whitespaces)),
            let total = Int(text[text.index(after: slash)..<close].trimmingCharacters(in: .whitespaces)),
            covered >= 0, total >= covered
        else { return nil }
        return (covered, total)
    }
}
