import Diagnostics
import Foundation

extension DiagnosticRenderer {
    /// A SARIF 2.1.0 log with one run, as GitHub code scanning accepts it (`github/codeql-action/upload-sarif`).
    ///
    /// The driver lists every rule `gantry lint` can report, with its rationale as description and help and a
    /// link to its section of `docs/rules.md`; each result points at the rule by id and index. File paths are
    /// relative to the directory `gantry lint` ran in (the repository root in CI), resolved against `%SRCROOT%`.
    public static func sarif(_ report: LintReport) -> String {
        let descriptors = LintRules.descriptors
        let indexes = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rules = descriptors.map { descriptor in
            SARIF.Rule(
                id: descriptor.id, name: descriptor.id.ruleName,
                shortDescription: .init(text: descriptor.rationale.firstClause),
                fullDescription: .init(text: descriptor.rationale.capitalizedSentence),
                help: .init(text: descriptor.rationale.capitalizedSentence + " See " + helpURI(for: descriptor.id)),
                helpUri: helpURI(for: descriptor.id),
                defaultConfiguration: .init(level: descriptor.severity.rawValue))
        }
        let results = report.diagnostics.map { diagnostic in
            SARIF.Result(
                ruleId: diagnostic.rule, ruleIndex: indexes[diagnostic.rule], level: diagnostic.severity.rawValue,
                message: .init(text: diagnostic.message), locations: [SARIF.Location(diagnostic.location)],
                relatedLocations: diagnostic.notes.isEmpty
                    ? nil
                    : diagnostic.notes.enumerated().compactMap { index, note in
                        note.location.map { SARIF.Location($0, id: index + 1, message: note.message) }
                    })
        }
        let run = SARIF.Run(
            tool: .init(driver: .init(name: "gantry", informationUri: documentationURL, rules: rules)),
            results: results, columnKind: "unicodeCodePoints")
        return encode(SARIF.Log(runs: [run]))
    }
}

extension String {
    /// `swallowed-failure` → `SwallowedFailure`, SARIF's readable rule name.
    var ruleName: String {
        split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The text up to the first comma or semicolon, as a sentence.
    var firstClause: String {
        let clause = prefix { $0 != "," && $0 != ";" }
        return String(clause).capitalizedSentence.trimmingCharacters(in: CharacterSet(charactersIn: ".")) + "."
    }

    /// The text with an upper-case first letter.
    var capitalizedSentence: String { prefix(1).uppercased() + dropFirst() }
}
