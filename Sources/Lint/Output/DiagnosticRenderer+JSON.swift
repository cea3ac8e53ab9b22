import Diagnostics
import Foundation

extension DiagnosticRenderer {
    /// The machine-readable report: counts, then every finding with its location, rule and notes.
    ///
    /// ```json
    /// {"files": 1, "errors": 1, "warnings": 0, "notes": 0,
    ///  "findings": [{"file": "ci.yml", "line": 9, "column": 20, "severity": "error", "rule": "…", "message": "…", "notes": []}]}
    /// ```
    public static func json(_ report: LintReport) -> String {
        let document = JSONReport(
            files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
            notes: report.count(.note), findings: report.diagnostics.map(JSONFinding.init))
        return encode(document)
    }

    /// Pretty-printed JSON with sorted keys and unescaped slashes, ending in a line break.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

private struct JSONReport: Encodable {
    var files: Int
    var errors: Int
    var warnings: Int
    var notes: Int
    var findings: [JSONFinding]
}

private struct JSONFinding: Encodable {
    struct Note: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
    }

    var file: String
    var line: Int
    var column: Int
    var severity: String
    var rule: String
    var message: String
    var notes: [Note]

    init(_ diagnostic: Diagnostic) {
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        severity = diagnostic.severity.rawValue
        rule = diagnostic.rule
        message = diagnostic.message
        notes = diagnostic.notes.map {
            Note(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column, message: $0.message)
        }
    }
}
