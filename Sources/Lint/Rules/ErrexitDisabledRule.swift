import Diagnostics
import Workflows

/// `set +e` followed by a test, lint, scan or build command whose status nothing checks: its failure is lost
/// unless it happens to be the script's last command.
public struct ErrexitDisabledRule: LintRule {
    public static let id = "errexit-disabled"
    public static let severity = Severity.error
    public static let rationale =
        "after \"set +e\" a failing command no longer stops the script, so unless \"$?\" is checked the step passes with a failed check inside it."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for step in context.runSteps where step.dialect.isPOSIX {
            let pipelines = step.script.pipelines
            for (index, pipeline) in pipelines.enumerated() {
                guard
                    let set = pipeline.commands.first(where: { ShellOptions.ofSetCommand($0.words)?.errexit == false }),
                    let lost = unchecked(after: index, in: pipelines)
                else { continue }
                let line = step.location(ofUTF8: lost.offset).line
                findings.append(
                    finding(
                        at: step.location(ofUTF8: set.offset),
                        "\"\(set.display)\" turns off exit on error and nothing after it checks \"$?\", so a failing \(lost.kind?.noun ?? "command") \"\(lost.display)\" (line \(line)) does not fail the step"
                    ))
            }
        }
        return findings
    }

    /// The first test, lint, scan or build command after `start` that runs with `-e` off, is not the script's
    /// last command and whose status nothing reads; nil when any later command reads `$?`.
    func unchecked(after start: Int, in pipelines: [ShellScript.Pipeline]) -> ShellScript.Command? {
        let later = pipelines[(start + 1)...]
        if later.contains(where: { $0.commands.contains(where: \.readsStatus) }) { return nil }
        for index in later.indices {
            let pipeline = pipelines[index]
            if pipeline.commands.contains(where: { ShellOptions.ofSetCommand($0.words)?.errexit == true }) {
                return nil
            }
            guard index != pipelines.count - 1, !pipeline.isChecked else { continue }
            if let command = pipeline.commands.first(where: { $0.kind != nil }) { return command }
        }
        return nil
    }
}
