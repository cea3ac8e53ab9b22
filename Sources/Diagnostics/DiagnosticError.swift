/// Thrown where a caller cannot go on because the input had errors; carries every diagnostic found.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.sortedByLocation().map(\.rendered).joined(separator: "\n")
    }
}
