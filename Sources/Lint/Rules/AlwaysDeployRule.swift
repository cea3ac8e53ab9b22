import Diagnostics
import Workflows

/// A deploy or release job (or step) that runs with `if: always()` or `!cancelled()` after jobs (or steps) it
/// depends on, without asking whether they succeeded: a failed test run still ships.
public struct AlwaysDeployRule: LintRule {
    public static let id = "always-deploy"
    public static let severity = Severity.error
    public static let rationale =
        "always() runs the deploy even when the tests or build it depends on failed, so broken code ships from a red run."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            if !job.needs.isEmpty, let condition = job.condition, Self.ignoresFailure(condition),
                let reason = Self.deployReason(job, workflow: workflow, context: context)
            {
                findings.append(
                    finding(
                        at: condition.scalar.location,
                        "deploy job \"\(job.id)\" (\(reason)) runs with \"\(condition.scalar.text)\", even when the jobs it needs (\(job.needIDs.map { "\"\($0)\"" }.joined(separator: ", "))) failed; require their success instead"
                    ))
            }
            let steps = LintContext.flattened(job.steps)
            for (position, step) in steps.enumerated() {
                guard let condition = step.condition, Self.ignoresFailure(condition),
                    let deploy = Self.deployCommand(step, context: context),
                    let earlier = steps[..<position].lazy.compactMap({ context.work(of: $0) }).first
                else { continue }
                findings.append(
                    finding(
                        at: condition.scalar.location,
                        "\(ContinueOnErrorRule.describe(step)) deploys (\"\(deploy)\") with \"\(condition.scalar.text)\", so it runs even when \(earlier.kind.noun) \"\(earlier.display)\" before it failed"
                    ))
            }
        }
        return findings
    }

    /// `always()` or `!cancelled()` with no test of what came before (`success()`, `failure()`, `needs.*`, `steps.*`).
    static func ignoresFailure(_ condition: Condition) -> Bool {
        let text = condition.scalar.text.replacingSpaces()
        let runsAfterFailure = text.contains(bytes: "always()") || text.contains(bytes: "!cancelled()")
        let checksOutcome = ["success()", "failure()", "needs.", "steps.", ".result", ".outcome", ".conclusion"]
            .contains { text.contains(bytes: $0) }
        return runsAfterFailure && !checksOutcome && !text.contains(bytes: "!always()")
    }

    /// Why a job counts as a deploy: its id or name, or a deploying step. An `environment` alone does not count:
    /// environments also guard secrets for jobs that deploy nothing.
    static func deployReason(_ job: Job, workflow: Workflow, context: LintContext) -> String? {
        let words = (job.id + " " + (job.name?.scalar?.text ?? "")).lowercased()
            .split(whereSeparator: { !$0.isLetter }).map(String.init)
        if let word = words.first(where: {
            ["deploy", "deployment", "release", "publish", "rollout", "promote"].contains($0)
        }) {
            return "its name says \"\(word)\""
        }
        for step in LintContext.flattened(job.steps) {
            if let deploy = deployCommand(step, context: context) { return "it runs \"\(deploy)\"" }
        }
        return nil
    }

    /// The deploying command or action of a step, if it has one.
    static func deployCommand(_ step: Step, context: LintContext) -> String? {
        if let uses = step.uses { return KnownActions.deploys(uses.text) ? uses.text : nil }
        guard let run = context.runStep(at: step.location) else { return nil }
        for (_, _, command) in run.script.commands
        where DeployCommands.matches(CommandWords.strippingWrappers(command.words)) {
            return command.display
        }
        return nil
    }
}

/// Commands that publish or deploy: `kubectl apply`, `helm upgrade`, `terraform apply`, `npm publish`, …
enum DeployCommands {
    private static let subcommands: [String: Set<String>] = [
        "kubectl": ["apply", "rollout", "replace"], "helm": ["upgrade", "install"],
        "terraform": ["apply"], "tofu": ["apply"], "pulumi": ["up"], "npm": ["publish"], "yarn": ["publish"],
        "pnpm": ["publish"], "cargo": ["publish"], "twine": ["upload"], "gem": ["push"], "docker": ["push"],
        "firebase": ["deploy"], "netlify": ["deploy"], "fly": ["deploy"], "flyctl": ["deploy"],
        "serverless": ["deploy"],
        "sls": ["deploy"], "cdk": ["deploy"], "wrangler": ["deploy", "publish"], "vercel": ["deploy", "--prod"],
        "heroku": ["container:release", "releases:promote"], "mix": ["hex.publish"], "dotnet": ["nuget"],
    ]

    static func matches(_ words: [String]) -> Bool {
        guard let program = words.first.map(CommandWords.programName), let verbs = subcommands[program] else {
            return false
        }
        return words.dropFirst().contains { verbs.contains($0) } && !words.contains("--dry-run")
    }
}

extension String {
    /// The string without spaces, so `! cancelled ()` reads as `!cancelled()`.
    func replacingSpaces() -> String { filter { $0 != " " && $0 != "\n" && $0 != "\t" } }
}
