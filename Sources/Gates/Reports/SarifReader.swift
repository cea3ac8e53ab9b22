import Foundation

/// Reads SARIF 2.1.0 logs, as CodeQL, Semgrep, ESLint, SwiftLint, Trivy and most scanners write them.
///
/// A result's level is its `level`; else `none` when its `kind` is not `fail`; else its rule's
/// `defaultConfiguration.level`; else `warning`, as the specification says. Suppressed results are counted apart.
public enum SarifReader {
    /// Reads and parses the file at `path`; the log and its errors name it as given.
    public static func read(contentsOf path: String) throws(ReportError) -> SarifLog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        return try parse(data, path: path)
    }

    /// Parses a SARIF log read from `path`.
    public static func parse(_ data: Data, path: String) throws(ReportError) -> SarifLog {
        guard !data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) else {
            throw ReportError(path: path, message: "the SARIF file is empty")
        }
        try ReportError.checkJSON(data, path: path)
        let log: SarifFile
        do {
            log = try JSONDecoder().decode(SarifFile.self, from: data)
        } catch {
            throw ReportError(path: path, message: "not a SARIF log: \(ReportError.describe(error))")
        }
        guard log.version == "2.1.0" else {
            let found = log.version.map { "\"\($0)\"" } ?? "no version"
            throw ReportError(path: path, message: "unsupported SARIF version: expected \"2.1.0\", found \(found)")
        }
        guard let runs = log.runs, !runs.isEmpty else {
            throw ReportError(path: path, message: "the SARIF log has no runs, so no tool reported anything")
        }
        var findings: [SarifFinding] = []
        var suppressed = 0
        for run in runs {
            let tool = run.tool?.driver?.name ?? "unknown tool"
            let rules = run.tool?.driver?.rules ?? []
            for result in run.results ?? [] {
                if result.isSuppressed {
                    suppressed += 1
                    continue
                }
                let index = result.ruleIndex ?? result.rule?.index
                let rule =
                    index.flatMap { rules.indices.contains($0) ? rules[$0] : nil }
                    ?? rules.first { $0.id != nil && $0.id == (result.ruleId ?? result.rule?.id) }
                let location = result.locations?.first?.physicalLocation
                findings.append(
                    SarifFinding(
                        tool: tool, ruleID: result.ruleId ?? result.rule?.id ?? rule?.id,
                        level: result.effectiveLevel(default: rule?.defaultConfiguration?.level),
                        message: result.message?.text ?? result.message?.id ?? "",
                        uri: location?.artifactLocation?.fileURI,
                        line: location?.region?.startLine))
            }
        }
        return SarifLog(
            path: path, tools: runs.map { $0.tool?.driver?.name ?? "unknown tool" }, findings: findings,
            suppressed: suppressed)
    }
}

/// The parts of a SARIF 2.1.0 log a gate reads; everything else is ignored.
struct SarifFile: Decodable {
    struct Run: Decodable {
        var tool: Tool?
        var results: [Result]?
    }

    struct Tool: Decodable {
        var driver: Driver?
    }

    struct Driver: Decodable {
        var name: String?
        var rules: [Rule]?
    }

    struct Rule: Decodable {
        struct Configuration: Decodable { var level: SarifLevel? }
        var id: String?
        var defaultConfiguration: Configuration?
    }

    struct Result: Decodable {
        struct RuleReference: Decodable {
            var id: String?
            var index: Int?
        }
        struct Message: Decodable {
            var text: String?
            var id: String?
        }
        struct Suppression: Decodable { var status: String? }

        var ruleId: String?
        var ruleIndex: Int?
        var rule: RuleReference?
        var kind: String?
        var level: SarifLevel?
        var message: Message?
        var locations: [Location]?
        var suppressions: [Suppression]?

        /// Suppressed unless every suppression is still under review or was rejected.
        var isSuppressed: Bool {
            guard let suppressions, !suppressions.isEmpty else { return false }
            return suppressions.contains { $0.status == nil || $0.status == "accepted" }
        }

        func effectiveLevel(default ruleLevel: SarifLevel?) -> SarifLevel {
            if let level { return level }
            if let kind, kind != "fail" { return .none }
            return ruleLevel ?? .warning
        }
    }

    struct Location: Decodable {
        var physicalLocation: PhysicalLocation?
    }

    struct PhysicalLocation: Decodable {
        struct Artifact: Decodable {
            var uri: String?

            var fileURI: String? {
                guard let uri else { return nil }
                return uri.hasPrefix("file://") ? (URL(string: uri)?.path ?? String(uri.dropFirst(7))) : uri
            }
        }
        struct Region: Decodable { var startLine: Int? }
        var artifactLocation: Artifact?
        var region: Region?
    }

    var version: String?
    var runs: [Run]?
}
