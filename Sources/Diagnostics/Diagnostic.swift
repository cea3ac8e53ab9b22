/// How serious a finding is. Errors stop a run before it starts; warnings and notes never do.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about a user's input: what is wrong, where, and which rule found it.
///
/// Diagnostics are data: parsers and rules collect every one they find and keep going.
public struct Diagnostic: Hashable, Sendable, Error {
    /// A secondary location that explains the finding ("first defined here").
    public struct Note: Hashable, Sendable {
        public var location: SourceLocation?
        public var message: String

        public init(location: SourceLocation?, message: String) {
            self.location = location
            self.message = message
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// Lower-case, names what was found and what was expected.
    public var message: String
    /// The id of the rule that produced it (`job-needs`, `syntax`, `expression`).
    public var rule: String
    public var notes: [Note]

    public init(
        _ severity: Severity, at location: SourceLocation, _ message: String, rule: String, notes: [Note] = []
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.rule = rule
        self.notes = notes
    }

    /// `path:line:col: severity: message [rule]`, followed by one indented line per note.
    public var rendered: String {
        var text = "\(location): \(severity.rawValue): \(message) [\(rule)]"
        for note in notes {
            let place = note.location.map { "\($0): " } ?? ""
            text += "\n    \(place)note: \(note.message)"
        }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then message, so output is stable.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}
