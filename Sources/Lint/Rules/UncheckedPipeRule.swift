import Diagnostics
import Workflows

/// A test, lint or scan command piped into another command (`npm test | tee log`) in a shell without
/// `pipefail`: the pipeline's status is the last command's, so the check's failure is lost.
public struct UncheckedPipeRule: LintRule {
    public static let id = "unchecked-pipe"
    public static let severity = Severity.error
    public static let rationale =
        "without pipefail a pipeline succeeds when its last command does, so \"npm test | tee log\" passes whatever the tests do."

    /// Commands that read a test report from the pipe and fail when it reports a failure.
    static let failingReceivers: Set<String> = ["tparse", "gotestfmt"]

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for step in context.runSteps where step.dialect.isPOSIX {
            var pipefail = step.dialect.pipefail
            let script = step.script
            let statusRead = script.pipelines.contains { $0.commands.contains(where: \.readsStatus) }
            for (index, pipeline) in script.pipelines.enumerated() {
                for command in pipeline.commands {
                    if let options = ShellOptions.ofSetCommand(command.words), let value = options.pipefail {
                        pipefail = value
                    }
                }
                guard !pipefail, !statusRead, pipeline.commands.count > 1, !pipeline.isCondition, !pipeline.isNegated,
                    let check = script.check(in: pipeline), check.index < pipeline.commands.count - 1,
                    check.index < pipeline.pipeOffsets.count,
                    let receiver = pipeline.commands.last, !Self.checksItself(receiver), pipeline.connector != "&",
                    !Self.outputIsRead(receiver, after: index, in: script)
                else { continue }
                let shell =
                    step.dialect.written.map { "\"shell: \($0)\"" } ?? "the default shell (bash -e, without pipefail)"
                findings.append(
                    finding(
                        at: step.location(ofUTF8: pipeline.pipeOffsets[check.index]),
                        "the status of \(check.kind.noun) \"\(check.command.display)\" is lost in this pipeline: under \(shell) only \"\(receiver.display)\" decides whether the step fails; add \"set -o pipefail\""
                    ))
            }
        }
        return findings
    }

    /// `… | tee sc.log` followed by `test ! -s sc.log`: the check's output is judged later instead of its status.
    static func outputIsRead(_ receiver: ShellScript.Command, after index: Int, in script: ShellScript) -> Bool {
        guard receiver.program == "tee" else { return false }
        let files = receiver.words.dropFirst().filter { !$0.hasPrefix("-") }
        return script.pipelines[(index + 1)...].contains { pipeline in
            pipeline.commands.contains { command in
                command.words.contains { word in files.contains { word.contains(bytes: $0) } }
            }
        }
    }

    /// `grep -q` and report readers end with a status that reflects what they read.
    static func checksItself(_ command: ShellScript.Command) -> Bool {
        guard let program = command.program else { return false }
        if failingReceivers.contains(program) { return true }
        if program == "go-junit-report" { return command.words.contains("-set-exit-code") }
        return program == "grep"
            && command.words.contains {
                $0 == "-q" || $0 == "--quiet" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains(bytes: "q"))
            }
    }
}
