import Diagnostics
import Workflows

/// A test, lint or scan command whose failure is turned into success: `npm test || true`, `|| echo …`,
/// `|| exit 0`, or `; true` as the script's last command in a shell started without `-e` (after `set +e`,
/// `errexit-disabled` reports it).
public struct SwallowedFailureRule: LintRule {
    public static let id = "swallowed-failure"
    public static let severity = Severity.error
    public static let rationale =
        "a check whose failure is turned into success can never fail the build, so the pipeline stays green while tests, linters or scanners fail."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for step in context.runSteps where step.dialect.isPOSIX {
            let script = step.script
            let errexit = script.errexitStates(startingWith: step.dialect.errexit)
            for (index, pipeline) in script.pipelines.enumerated() {
                guard !pipeline.isCondition, !pipeline.isNegated, let check = script.check(in: pipeline) else {
                    continue
                }
                if pipeline.connector == "||", let offset = pipeline.connectorOffset,
                    script.branchAlwaysSucceeds(from: index + 1, depth: pipeline.depth)
                {
                    let branch = script.pipelines[index + 1].commands.first?.display ?? "…"
                    findings.append(
                        finding(
                            at: step.location(ofUTF8: offset),
                            "the failure of \(check.kind.noun) \"\(check.command.display)\" is ignored: \"|| \(branch)\" makes the step pass when it fails"
                        ))
                } else if !step.dialect.errexit, !errexit[index], pipeline.connector != "||",
                    pipeline.connector != "&&",
                    index + 2 == script.pipelines.count, script.pipelines[index + 1].commands.count == 1,
                    script.pipelines[index + 1].commands[0].alwaysSucceeds
                {
                    let last = script.pipelines[index + 1].commands[0]
                    findings.append(
                        finding(
                            at: step.location(ofUTF8: last.offset),
                            "the failure of \(check.kind.noun) \"\(check.command.display)\" is ignored: with \"-e\" off, the script ends with \"\(last.display)\", which always succeeds"
                        ))
                }
            }
        }
        return findings
    }
}
