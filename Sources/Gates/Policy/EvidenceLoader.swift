import Foundation

/// Evidence paths given outside the policy (command-line flags, action inputs); each replaces the policy's own.
public struct EvidencePaths: Sendable, Hashable {
    public var junit: [String]?
    public var coverage: [String]?
    public var sarif: [String]?
    /// Replaces `coverage.changed-files.base`.
    public var base: String?

    public init(junit: [String]? = nil, coverage: [String]? = nil, sarif: [String]? = nil, base: String? = nil) {
        self.junit = junit
        self.coverage = coverage
        self.sarif = sarif
        self.base = base
    }
}

/// Reads the evidence a policy asks for from a repository: globs expanded, files parsed, git asked for changes.
///
/// Every file that cannot be found or read becomes an ``EvidenceProblem``, never an exception, so the rules that
/// needed it fail with a message saying what was missing.
public enum EvidenceLoader {
    /// The evidence `policy` needs, read from the repository at `root`; `paths` replace the policy's own.
    public static func load(for policy: GatePolicy, root: String, paths: EvidencePaths = .init()) -> GateEvidence {
        var evidence = GateEvidence(root: root)
        if let tests = policy.tests {
            evidence.tests = read(
                paths.junit ?? tests.reports, "JUnit", key: "tests.reports", flag: "junit", root: root,
                parse: JUnitReader.parse(_:path:))
        }
        if let coverage = policy.coverage {
            evidence.coverage = read(
                paths.coverage ?? coverage.reports, "coverage", key: "coverage.report", flag: "coverage", root: root,
                parse: readCoverage(_:path:))
            if let changed = coverage.changedFiles {
                evidence.changedFiles = ChangedFiles.list(base: paths.base ?? changed.base, in: root)
            }
        }
        if let sarif = policy.sarif {
            evidence.sarif = read(
                paths.sarif ?? sarif.files, "SARIF", key: "sarif.files", flag: "sarif", root: root,
                parse: SarifReader.parse(_:path:))
        }
        evidence.metrics = policy.metrics.map { metric in
            let matches = EvidenceFiles.match(metric.file, root: root)
            guard let match = matches.first else { return .missing("no file matched \(metric.file)") }
            guard matches.count == 1 else {
                return .missing("\(metric.file) matched \(matches.count) files; a metric reads exactly one")
            }
            do throws(ReportError) {
                let data = try contents(match)
                let value = try JSONMetricReader.parse(data, path: match.display, at: metric.path)
                return Evidence(items: [value], sources: [match.display])
            } catch {
                return Evidence(sources: [match.display], problems: [EvidenceProblem(error)])
            }
        }
        return evidence
    }

    /// lcov or Cobertura, told apart by the first character: XML starts with `<`.
    public static func readCoverage(_ data: Data, path: String) throws(ReportError) -> CoverageReport {
        let start = data.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        if start == UInt8(ascii: "<") { return try CoberturaReader.parse(data, path: path) }
        return try LcovReader.parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Every file matching `patterns`, parsed; a pattern that matches nothing and a file that fails are problems.
    private static func read<Item>(
        _ patterns: [String], _ kind: String, key: String, flag: String, root: String,
        parse: (Data, String) throws(ReportError) -> Item
    ) -> Evidence<Item> {
        guard !patterns.isEmpty else {
            return .missing("no \(kind) files were named: set \"\(key)\" in the policy or pass --\(flag)")
        }
        var evidence = Evidence<Item>()
        for pattern in patterns {
            let matches = EvidenceFiles.match(pattern, root: root)
            if matches.isEmpty { evidence.problems.append(EvidenceProblem(message: "no file matched \(pattern)")) }
            for match in matches where !evidence.sources.contains(match.display) {
                evidence.sources.append(match.display)
                do throws(ReportError) {
                    evidence.items.append(try parse(try contents(match), match.display))
                } catch {
                    evidence.problems.append(EvidenceProblem(error))
                }
            }
        }
        return evidence
    }

    private static func contents(_ match: EvidenceFiles.Match) throws(ReportError) -> Data {
        guard let data = FileManager.default.contents(atPath: match.absolute) else {
            throw ReportError(path: match.display, message: "cannot read this file")
        }
        return data
    }
}
