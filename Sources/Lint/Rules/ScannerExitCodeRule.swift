import Diagnostics
import Workflows

/// Security scanners run so that findings cannot fail the step: trivy without `--exit-code 1` (its default is
/// 0), grype without `--fail-on`, trufflehog without `--fail`, or an explicit soft-fail option. Scans that
/// write SARIF for code scanning are left alone: there, the findings gate pull requests instead.
public struct ScannerExitCodeRule: LintRule {
    public static let id = "scanner-exit-code"
    public static let severity = Severity.error
    public static let rationale =
        "a scanner that exits 0 when it finds vulnerabilities is a report nobody reads: the build stays green whatever it finds."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for run in context.runSteps where run.dialect.isPOSIX {
            let environment = Set((workflow.env + run.job.env + run.step.env).map(\.key.text))
            for (_, _, command) in run.script.commands {
                guard
                    let problem = Self.problem(CommandWords.strippingWrappers(command.words), environment: environment)
                else { continue }
                findings.append(finding(at: run.location(ofUTF8: command.offset), problem))
            }
        }
        for job in workflow.jobs {
            for step in LintContext.flattened(job.steps) {
                guard let uses = step.uses, let problem = Self.problem(action: uses, with: step.with) else { continue }
                findings.append(finding(at: problem.location, problem.message))
            }
        }
        return findings
    }

    static let trivyScans: Set<String> = [
        "image", "i", "fs", "filesystem", "repo", "repository", "rootfs", "config", "conf", "k8s", "kubernetes",
        "sbom", "vm", "aws",
    ]

    /// Why a scanner command cannot fail, or nil.
    static func problem(_ words: [String], environment: Set<String>) -> String? {
        guard let program = words.first.map(CommandWords.programName) else { return nil }
        let arguments = Array(words.dropFirst())
        func value(of option: String) -> String? {
            if let index = arguments.firstIndex(of: option), index + 1 < arguments.count { return arguments[index + 1] }
            return arguments.first { $0.hasPrefix(option + "=") }.map { String($0.dropFirst(option.count + 1)) }
        }
        let format = (value(of: "--format") ?? value(of: "-f") ?? value(of: "-o") ?? value(of: "--output") ?? "")
            .lowercased()
        let template = value(of: "--template") ?? value(of: "-t") ?? ""
        if format == "sarif" || template.contains(bytes: "sarif") { return nil }
        switch program {
        case "trivy":
            guard let subcommand = arguments.first(where: { !$0.hasPrefix("-") }), trivyScans.contains(subcommand),
                !arguments.contains(where: { $0.hasPrefix("--download") || $0 == "--config" || $0 == "-c" }),
                !environment.contains("TRIVY_EXIT_CODE")
            else { return nil }
            let code = value(of: "--exit-code")
            guard code == nil || code == "0" else { return nil }
            return
                "trivy exits 0 when it finds vulnerabilities unless given \"--exit-code 1\", so this scan can never fail the step"
        case "grype":
            guard !arguments.contains(where: { $0 == "--fail-on" || $0 == "-f" || $0.hasPrefix("--fail-on=") }),
                !environment.contains("GRYPE_FAIL_ON_SEVERITY"),
                arguments.first.map({ !["db", "version", "config"].contains($0) }) ?? false
            else { return nil }
            return
                "grype exits 0 when it finds vulnerabilities unless given \"--fail-on <severity>\", so this scan can never fail the step"
        case "trufflehog":
            guard let subcommand = arguments.first(where: { !$0.hasPrefix("-") }),
                ["git", "github", "gitlab", "filesystem", "s3", "gcs", "docker"].contains(subcommand),
                !arguments.contains("--fail")
            else { return nil }
            return
                "trufflehog exits 0 when it finds secrets unless given \"--fail\", so this scan can never fail the step"
        case "checkov", "tfsec":
            guard arguments.contains("--soft-fail") else { return nil }
            return "\"\(program) --soft-fail\" exits 0 whatever it finds, so this scan can never fail the step"
        case "bandit":
            guard arguments.contains("--exit-zero") else { return nil }
            return "\"bandit --exit-zero\" exits 0 whatever it finds, so this scan can never fail the step"
        case "gosec":
            guard arguments.contains("-no-fail") || arguments.contains("--no-fail") else { return nil }
            return "\"gosec -no-fail\" exits 0 whatever it finds, so this scan can never fail the step"
        case "gitleaks":
            guard value(of: "--exit-code") == "0" else { return nil }
            return "\"gitleaks --exit-code 0\" exits 0 when it finds secrets, so this scan can never fail the step"
        default:
            return nil
        }
    }

    /// Why a scanner action cannot fail, and where to say so.
    static func problem(action uses: YAMLScalar, with: [YAMLEntry]) -> (location: SourceLocation, message: String)? {
        func input(_ name: String) -> YAMLScalar? { with.first { $0.key.text == name }?.value.scalar }
        switch KnownActions.name(of: uses.text) {
        case "aquasecurity/trivy-action":
            let format = input("format")?.text.lowercased() ?? ""
            if format == "sarif" || (input("template")?.text.contains(bytes: "sarif") ?? false) { return nil }
            if let code = input("exit-code") {
                guard code.text.trimming(" '\"") == "0" else { return nil }
                return (
                    code.location,
                    "\"exit-code: 0\" makes trivy pass whatever it finds, so this scan can never fail the job"
                )
            }
            return (
                uses.location,
                "aquasecurity/trivy-action exits 0 when it finds vulnerabilities unless \"exit-code: '1'\" is set, so this scan can never fail the job"
            )
        case "anchore/scan-action":
            guard let fail = input("fail-build"), fail.text.lowercased() == "false" else { return nil }
            return (
                fail.location,
                "\"fail-build: false\" makes the grype scan pass whatever it finds, so it can never fail the job"
            )
        case "bridgecrewio/checkov-action", "aquasecurity/tfsec-action":
            guard let soft = input("soft_fail"), soft.text.lowercased() == "true" else { return nil }
            return (
                soft.location, "\"soft_fail: true\" makes the scan pass whatever it finds, so it can never fail the job"
            )
        default:
            return nil
        }
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: String) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }), let end = lastIndex(where: { !set.contains($0) })
        else {
            return ""
        }
        return String(self[start...end])
    }
}
