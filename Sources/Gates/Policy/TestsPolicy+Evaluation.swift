extension TestsPolicy {
    /// The three test rules, and the failures quarantine forgave.
    typealias Evaluation = (rules: [RuleResult], forgiven: [ForgivenFailure])

    /// `min-tests`, `max-failed` and `max-errored` over the final attempt of every test in every report.
    func evaluate(_ evidence: Evidence<TestReport>, quarantined: Set<String>) -> Evaluation {
        let minimum = "at least \(minTests.value)"
        let failedMaximum = "at most \(maxFailed.value)"
        let erroredMaximum = "at most \(maxErrored.value)"
        if let reason = evidence.unusable {
            return (
                [
                    .unusable("tests.min-tests", expected: minimum, threshold: minTests, reason),
                    .unusable("tests.max-failed", expected: failedMaximum, threshold: maxFailed, reason),
                    .unusable("tests.max-errored", expected: erroredMaximum, threshold: maxErrored, reason),
                ], []
            )
        }
        let results = evidence.items.flatMap { report in report.finalResults.map { (report: report.path, test: $0) } }
        let ran = results.filter { $0.test.outcome != .skipped }
        let skipped = results.count - ran.count
        let isForgiven = { (test: TestCaseResult) in
            (test.outcome == .failed || test.outcome == .errored) && quarantined.contains(test.identifier)
        }
        let failed = results.filter { $0.test.outcome == .failed && !isForgiven($0.test) }
        let errored = results.filter { $0.test.outcome == .errored && !isForgiven($0.test) }
        let forgiven = results.filter { isForgiven($0.test) }.map { ForgivenFailure(test: $0.test, report: $0.report) }

        var ranText = NumberText.count(ran.count, "test") + " ran"
        if skipped > 0 { ranText += " (\(skipped) skipped)" }
        let perReport = evidence.items.map { report in
            let final = report.finalResults
            let skippedHere = final.filter { $0.outcome == .skipped }.count
            return EvidenceItem(
                file: report.path,
                message: NumberText.count(final.count - skippedHere, "test") + " ran"
                    + (skippedHere > 0 ? ", \(skippedHere) skipped" : ""))
        }
        let forgivenNote = { (outcome: TestOutcome) -> String in
            let count = forgiven.filter { $0.test.outcome == outcome }.count
            return count > 0 ? " (\(count) more forgiven: quarantined)" : ""
        }
        let rules = [
            RuleResult(
                id: "tests.min-tests", passed: ran.count >= minTests.value, actual: ranText, expected: minimum,
                policyLocation: minTests.location.description, evidence: ran.count >= minTests.value ? [] : perReport),
            RuleResult(
                id: "tests.max-failed", passed: failed.count <= maxFailed.value,
                actual: NumberText.count(failed.count, "test") + " failed" + forgivenNote(.failed),
                expected: failedMaximum,
                policyLocation: maxFailed.location.description,
                evidence: failed.map { Self.item($0.test, report: $0.report) }),
            RuleResult(
                id: "tests.max-errored", passed: errored.count <= maxErrored.value,
                actual: NumberText.count(errored.count, "test") + " errored" + forgivenNote(.errored),
                expected: erroredMaximum, policyLocation: maxErrored.location.description,
                evidence: errored.map { Self.item($0.test, report: $0.report) }),
        ]
        return (rules, forgiven)
    }

    /// A test as evidence: where it is (its source file, else its report), its identifier and its message.
    static func item(_ test: TestCaseResult, report: String) -> EvidenceItem {
        EvidenceItem(
            file: test.file ?? report, line: test.file == nil ? nil : test.line, subject: test.identifier,
            message: test.message)
    }
}
