extension CoveragePolicy {
    /// `min-lines`, `min-branches`, `min-functions` over all reports together, then the `changed-files` minimums.
    func evaluate(_ evidence: Evidence<CoverageReport>, changedFiles: Evidence<String>, root: String?) -> [RuleResult] {
        var rules: [RuleResult] = []
        let files = evidence.items.flatMap(\.files)
        for kind in CoverageKind.allCases {
            guard let minimum = minimums[kind] else { continue }
            let id = "coverage.min-\(kind.rawValue)"
            let expected = "at least \(NumberText.plain(minimum.value))%"
            if let reason = evidence.unusable {
                rules.append(.unusable(id, expected: expected, threshold: minimum, reason))
                continue
            }
            let total = files.reduce(CoverageCount()) { $0 + $1[kind] }
            guard total.found > 0 else {
                let subject = evidence.items.count == 1 ? "report has" : "reports have"
                let reason = "no evidence: the coverage \(subject) no \(kind.noun) data"
                let reports = evidence.items.map { EvidenceItem(file: $0.path, message: "no \(kind.noun) data") }
                rules.append(
                    .unusable(id, expected: expected, threshold: minimum, (reason, [])).with(evidence: reports))
                continue
            }
            let passed = total.meets(minimum.value)
            rules.append(
                RuleResult(
                    id: id, passed: passed, actual: "\(kind.noun) coverage \(NumberText.coverage(total, kind))",
                    expected: expected, policyLocation: minimum.location.description,
                    evidence: passed ? [] : Self.below(minimum.value, kind, files.map { ($0.path, $0) })))
        }
        if let changed = self.changedFiles {
            rules += changed.evaluate(evidence, changedFiles: changedFiles, root: root)
        }
        return rules
    }

    /// The files under `minimum`, least covered first.
    static func below(_ minimum: Double, _ kind: CoverageKind, _ files: [(String, FileCoverage)]) -> [EvidenceItem] {
        files.filter { $0.1[kind].found > 0 && !$0.1[kind].meets(minimum) }
            .sorted { ($0.1[kind].percent ?? 0, $0.0) < ($1.1[kind].percent ?? 0, $1.0) }
            .map { EvidenceItem(file: $0.0, message: NumberText.coverage($0.1[kind], kind)) }
    }
}

extension ChangedFilesPolicy {
    /// The minimums over the changed files that the coverage reports know; files they do not list are not code
    /// that was measured (docs, configuration) and are left out.
    func evaluate(_ evidence: Evidence<CoverageReport>, changedFiles: Evidence<String>, root: String?) -> [RuleResult] {
        CoverageKind.allCases.compactMap { kind -> RuleResult? in
            guard let minimum = minimums[kind] else { return nil }
            let id = "coverage.changed-files.min-\(kind.rawValue)"
            let expected = "at least \(NumberText.plain(minimum.value))% in changed files"
            if let reason = evidence.unusable ?? changedFiles.unusable {
                return .unusable(id, expected: expected, threshold: minimum, reason)
            }
            let matched = changedFiles.items.compactMap { path -> (String, FileCoverage)? in
                evidence.items.lazy.compactMap { $0.file(matching: path, root: root) }.first.map { (path, $0) }
            }
            let total = matched.reduce(CoverageCount()) { $0 + $1.1[kind] }
            let changed = NumberText.count(changedFiles.items.count, "changed file")
            guard total.found > 0 else {
                let actual =
                    changedFiles.items.isEmpty
                    ? "no files changed since \(base)"
                    : matched.isEmpty
                        ? "none of the \(changed) is in the coverage report, so there is nothing to measure"
                        : "the \(NumberText.count(matched.count, "changed file")) in the coverage report have no \(kind.noun) data"
                let listed = changedFiles.items.prefix(10).map {
                    EvidenceItem(file: $0, message: "changed, not measured")
                }
                return RuleResult(
                    id: id, passed: true, actual: actual, expected: expected,
                    policyLocation: minimum.location.description, evidence: matched.isEmpty ? Array(listed) : [])
            }
            let passed = total.meets(minimum.value)
            return RuleResult(
                id: id, passed: passed,
                actual: "\(kind.noun) coverage of \(NumberText.count(matched.count, "changed file")) "
                    + NumberText.coverage(total, kind),
                expected: expected, policyLocation: minimum.location.description,
                evidence: passed ? [] : CoveragePolicy.below(minimum.value, kind, matched))
        }
    }
}

extension RuleResult {
    /// The same result with `evidence`.
    func with(evidence: [EvidenceItem]) -> RuleResult {
        var copy = self
        copy.evidence = evidence
        return copy
    }
}
