extension GatePolicy {
    /// Checks `evidence` against every threshold of the policy. Pure: no files, processes or clocks.
    ///
    /// `quarantined` holds test identifiers (`TestCaseResult.identifier`) whose failures are forgiven, in addition
    /// to the policy's own `tests.quarantine` list; forgiven failures are listed in the result. A rule whose
    /// evidence is missing or unreadable fails.
    public func evaluate(_ evidence: GateEvidence, quarantined: Set<String> = []) -> GateResult {
        var rules: [RuleResult] = []
        var forgiven: [ForgivenFailure] = []
        if let tests {
            let outcome = tests.evaluate(evidence.tests, quarantined: quarantined.union(tests.quarantine))
            rules += outcome.rules
            forgiven = outcome.forgiven
        }
        if let coverage {
            rules += coverage.evaluate(evidence.coverage, changedFiles: evidence.changedFiles, root: evidence.root)
        }
        if let sarif {
            rules += sarif.evaluate(evidence.sarif)
        }
        for (index, metric) in metrics.enumerated() {
            rules.append(metric.evaluate(evidence.metrics.indices.contains(index) ? evidence.metrics[index] : .init()))
        }
        return GateResult(policy: file, rules: rules, forgiven: forgiven)
    }
}

extension RuleResult {
    /// A failed rule whose evidence could not be used.
    static func unusable<Value>(
        _ id: String, expected: String, threshold: Threshold<Value>,
        _ reason: (message: String, problems: [EvidenceProblem])
    ) -> RuleResult {
        RuleResult(
            id: id, passed: false, actual: reason.message, expected: expected,
            policyLocation: threshold.location.description,
            evidence: reason.problems.map { EvidenceItem(file: $0.path, line: $0.line, message: $0.message) })
    }
}
