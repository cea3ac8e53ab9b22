import Foundation
import Gates
import Persistence

/// `gantry/gate@v1`: the `gantry gate` verdict as a step, with the Markdown result in the step summary.
///
/// Inputs: `policy` (default `.gantry/gates.yml`), and `junit`, `coverage`, `sarif` (globs, one per line) and
/// `base`, which replace the policy's own evidence paths; all relative to the workspace. Outputs `passed`
/// (`true`/`false`) and `failed-rules`. Tests quarantined in the run's store are forgiven besides the policy's list.
/// The step fails when the gate fails or the policy is invalid.
enum GateAction {
    @Sendable static func run(_ call: BuiltinInvocation) async throws -> StepResult {
        let policy = call.inputs["policy"].flatMap { $0.isEmpty ? nil : $0 } ?? ".gantry/gates.yml"
        let list = { (name: String) -> [String]? in
            let values = call.list(name)
            return values.isEmpty ? nil : values
        }
        let paths = EvidencePaths(
            junit: list("junit"), coverage: list("coverage"), sarif: list("sarif"),
            base: call.inputs["base"].flatMap { $0.isEmpty ? nil : $0 })
        // Quarantine only forgives, so a store that cannot be read makes the gate stricter, never looser.
        let history = call.state.run.store as? any TestHistoryStore
        let quarantined = (try? await history?.quarantinedIdentifiers()) ?? []
        switch GateCheck.run(policyPath: policy, root: call.state.workspace, paths: paths, quarantined: quarantined) {
        case .invalid(let diagnostics):
            for diagnostic in diagnostics { call.log(call.state.run.masker.mask(diagnostic.rendered)) }
            return StepResult(
                outcome: .failure, outputs: ["passed": "false"],
                log: diagnostics.map(\.rendered).joined(separator: "\n"))
        case .evaluated(let result, let warnings):
            // The job log file takes masked lines; test messages and findings can quote secrets.
            let masker = call.state.run.masker
            for warning in warnings { call.log(masker.mask(warning.rendered)) }
            for line in result.text.split(separator: "\n", omittingEmptySubsequences: false) {
                call.log(masker.mask(String(line)))
            }
            call.state.run.appendSummary(masker.mask(result.markdown))
            await ingestReports(call, history: history)
            let outputs = ["passed": result.passed ? "true" : "false", "failed-rules": String(result.failures.count)]
            return StepResult(outcome: result.passed ? .success : .failure, outputs: outputs, log: result.text)
        }
    }

    /// Every JUnit report the gate read goes into the run's test history, tied to this run, job and commit, so
    /// flaky detection sees the tests that CI runs without a separate `gantry tests ingest`.
    static func ingestReports(_ call: BuiltinInvocation, history: (any TestHistoryStore)?) async {
        guard let history else { return }
        let patterns = call.list("junit")
        let paths = FileGlob.match(patterns, root: call.state.workspace).filter { !$0.isDirectory }.map(\.absolutePath)
        guard !paths.isEmpty else { return }
        let run = call.state.run
        let job = call.state.recordID
        let ingestor = TestIngestor(store: history, commit: run.git.sha, runID: run.runID, jobID: job == 0 ? nil : job)
        if (try? await ingestor.ingest(paths: paths)) != nil {
            call.log("stored \(paths.count) test report(s) in the test history")
        }
    }
}
