import Diagnostics
import Workflows

/// A `pull_request_target` workflow that checks out the pull request's head: the workflow runs with the base
/// repository's secrets and a write token, and now runs (or builds, or installs) code from the fork.
public struct UntrustedCheckoutRule: LintRule {
    public static let id = "untrusted-checkout"
    public static let severity = Severity.error
    public static let rationale =
        "pull_request_target runs with secrets and a write token; checking out the pull request's code there hands both to whoever opened it."

    /// Expressions and refs that name the pull request's own commits.
    static let headMarkers = [
        "github.event.pull_request.head.sha", "github.event.pull_request.head.ref", "github.head_ref",
        "github.event.pull_request.merge_commit_sha", "github.event.pull_request.head.repo.full_name", "refs/pull/",
    ]

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        guard workflow.trigger(for: "pull_request_target") != nil else { return [] }
        var findings: [Diagnostic] = []
        for job in workflow.jobs {
            for step in LintContext.flattened(job.steps) {
                if let uses = step.uses, KnownActions.name(of: uses.text) == "actions/checkout" {
                    for entry in step.with where ["ref", "repository"].contains(entry.key.text) {
                        guard let value = entry.value.scalar, let marker = Self.marker(in: value.text) else { continue }
                        findings.append(
                            finding(
                                at: value.location,
                                "this pull_request_target workflow checks out the pull request's code (\"\(marker)\") in job \"\(job.id)\", which has the repository's secrets and a write token"
                            ))
                    }
                } else if let run = context.runStep(at: step.location) {
                    for (_, _, command) in run.script.commands where Self.checksOutHead(command.words) {
                        findings.append(
                            finding(
                                at: run.location(ofUTF8: command.offset),
                                "this pull_request_target workflow fetches the pull request's code (\"\(command.display)\") in job \"\(job.id)\", which has the repository's secrets and a write token"
                            ))
                    }
                }
            }
        }
        return findings
    }

    static func marker(in text: String) -> String? {
        let compact = text.replacingSpaces().lowercased()
        return headMarkers.first { compact.contains(bytes: $0) }
    }

    /// `gh pr checkout`, or `git fetch` / `git checkout` of a pull request ref or head.
    static func checksOutHead(_ words: [String]) -> Bool {
        let words = CommandWords.strippingWrappers(words)
        guard let program = words.first.map(CommandWords.programName) else { return false }
        if program == "gh" { return words.dropFirst().starts(with: ["pr", "checkout"]) }
        guard program == "git", let verb = words.dropFirst().first(where: { !$0.hasPrefix("-") }),
            ["fetch", "checkout", "switch", "pull"].contains(verb)
        else { return false }
        return words.contains { word in marker(in: word) != nil || word.hasPrefix("pull/") }
    }
}
