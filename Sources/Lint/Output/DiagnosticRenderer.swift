import Diagnostics

/// Renders lint findings for people (`text`), for scripts (`json`) and for code scanning (`sarif`).
public enum DiagnosticRenderer {
    /// An output format of `gantry lint --format`.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, sarif
    }

    /// `report` in `format`, ending with a line break unless empty.
    public static func render(_ report: LintReport, as format: Format) -> String {
        switch format {
        case .text: text(report)
        case .json: json(report)
        case .sarif: sarif(report)
        }
    }

    /// One `path:line:column: severity: message [rule-id]` line per finding, notes indented below it.
    public static func text(_ report: LintReport) -> String {
        report.diagnostics.map { $0.rendered + "\n" }.joined()
    }

    /// `3 errors, 1 warning in 12 files`, for the end of the text output.
    public static func summary(_ report: LintReport) -> String {
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let parts = [
            counted(report.count(.error), "error"), counted(report.count(.warning), "warning"),
            counted(report.count(.note), "note"),
        ]
        return parts.joined(separator: ", ") + " in " + counted(report.files.count, "workflow file")
    }

    /// Where each rule is documented: `docs/rules.md` of the repository, anchored by rule id.
    public static let documentationURL = "https://github.com/gantry-ci/gantry/blob/main/docs/rules.md"

    /// The documentation link for rule `id`.
    public static func helpURI(for id: String) -> String { "\(documentationURL)#\(id)" }
}
