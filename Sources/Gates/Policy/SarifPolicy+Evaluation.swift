extension SarifPolicy {
    /// One rule per level in `max`, counting the unsuppressed findings of every SARIF file at exactly that level.
    func evaluate(_ evidence: Evidence<SarifLog>) -> [RuleResult] {
        SarifLevel.allCases.compactMap { level -> RuleResult? in
            guard let maximum = maximums[level] else { return nil }
            let id = "sarif.max.\(level.rawValue)"
            let expected = "at most \(maximum.value)"
            if let reason = evidence.unusable { return .unusable(id, expected: expected, threshold: maximum, reason) }
            let findings = evidence.items.flatMap { $0.findings(at: level) }
            return RuleResult(
                id: id, passed: findings.count <= maximum.value,
                actual: NumberText.count(findings.count, "\(level.rawValue) finding"), expected: expected,
                policyLocation: maximum.location.description,
                evidence: findings.map {
                    EvidenceItem(file: $0.uri, line: $0.line, subject: $0.ruleID, message: $0.message)
                })
        }
    }
}

extension MetricPolicy {
    /// The number at `path` in `file` against `min` and `max`.
    func evaluate(_ evidence: Evidence<Double>) -> RuleResult {
        let id = "metrics.\(name)"
        let expected =
            switch (min, max) {
            case (let min?, let max?): "between \(NumberText.plain(min.value)) and \(NumberText.plain(max.value))"
            case (let min?, nil): "at least \(NumberText.plain(min.value))"
            case (nil, let max?): "at most \(NumberText.plain(max.value))"
            case (nil, nil): "any value"
            }
        let threshold = min ?? max ?? Threshold(0, at: location)
        if let reason = evidence.unusable { return .unusable(id, expected: expected, threshold: threshold, reason) }
        guard let value = evidence.items.first else {
            return .unusable(id, expected: expected, threshold: threshold, ("no evidence: no value was read", []))
        }
        let tooLow = min.map { value < $0.value } ?? false
        let tooHigh = max.map { value > $0.value } ?? false
        let failing = tooLow ? min : (tooHigh ? max : nil)
        return RuleResult(
            id: id, passed: !tooLow && !tooHigh,
            actual: "\(path.prefix(path.components.count)) is \(NumberText.plain(value, decimals: 6))",
            expected: expected, policyLocation: (failing ?? threshold).location.description,
            evidence: [
                EvidenceItem(
                    file: evidence.sources.first ?? file, subject: path.description,
                    message: NumberText.plain(value, decimals: 6))
            ])
    }
}
