import Diagnostics
import Foundation

/// The whole of `gantry gate` and `gantry/gate@v1` between their arguments and their output: read the policy,
/// load the evidence, evaluate.
public enum GateCheck {
    /// What a check ended with.
    public enum Outcome: Sendable {
        /// The policy or the evidence paths given were wrong; nothing was evaluated.
        case invalid([Diagnostic])
        /// The policy was evaluated; `warnings` are the policy's non-fatal diagnostics.
        case evaluated(GateResult, warnings: [Diagnostic])
    }

    /// Runs the policy at `policyPath` (relative to `root`, or absolute) over the evidence in `root`.
    ///
    /// - Parameters:
    ///   - paths: evidence paths that replace the policy's; one for a section the policy lacks is invalid.
    ///   - quarantined: test identifiers to forgive besides the policy's `tests.quarantine`.
    public static func run(
        policyPath: String, root: String, paths: EvidencePaths = .init(), quarantined: Set<String> = []
    ) -> Outcome {
        let absolute = policyPath.hasPrefix("/") ? policyPath : root + "/" + policyPath
        guard let data = FileManager.default.contents(atPath: absolute) else {
            let reason = FileManager.default.fileExists(atPath: absolute) ? "cannot be read" : "does not exist"
            return .invalid([
                Diagnostic(
                    .error, at: SourceLocation(file: policyPath, line: 1, column: 1),
                    "the gate policy \(reason); write one (see docs/gate.md) or name it with --policy",
                    rule: GatePolicy.rule)
            ])
        }
        let (parsed, diagnostics) = GatePolicy.parse(String(decoding: data, as: UTF8.self), file: policyPath)
        guard let policy = parsed else { return .invalid(diagnostics) }
        let misplaced = misplacedPaths(paths, policy: policy)
        guard misplaced.isEmpty else { return .invalid(diagnostics + misplaced) }
        let evidence = EvidenceLoader.load(for: policy, root: root, paths: paths)
        return .evaluated(policy.evaluate(evidence, quarantined: quarantined), warnings: diagnostics)
    }

    /// Evidence given for a section the policy does not have would be silently ignored; say so instead.
    static func misplacedPaths(_ paths: EvidencePaths, policy: GatePolicy) -> [Diagnostic] {
        let given: [(flag: String, section: String, given: Bool, present: Bool)] = [
            ("junit", "tests", paths.junit != nil, policy.tests != nil),
            ("coverage", "coverage", paths.coverage != nil, policy.coverage != nil),
            ("sarif", "sarif", paths.sarif != nil, policy.sarif != nil),
            ("base", "coverage.changed-files", paths.base != nil, policy.coverage?.changedFiles != nil),
        ]
        return given.filter { $0.given && !$0.present }.map { flag, section, _, _ in
            Diagnostic(
                .error, at: SourceLocation(file: "--\(flag)", line: 1, column: 1),
                "--\(flag) was given, but the policy \(policy.file) has no \"\(section)\" section to use it; add one",
                rule: "flags")
        }
    }
}
