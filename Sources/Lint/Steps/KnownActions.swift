import Workflows

/// What well-known actions do, for rules that ask whether a step checks, builds or deploys.
public enum KnownActions {
    /// `owner/repo/path` of a `uses:` value, lower-case, without the `@ref`; nil for local and docker actions.
    public static func name(of uses: String) -> String? {
        guard !uses.hasPrefix("./"), !uses.hasPrefix("docker://") else { return nil }
        let name = uses.split(separator: "@", maxSplits: 1).first.map(String.init) ?? uses
        return name.lowercased()
    }

    /// The kind of check or build an action performs, if it is a known one.
    public static func kind(of uses: String) -> CommandKind? {
        guard let name = name(of: uses) else { return nil }
        if let kind = kinds[name] { return kind }
        if name.hasPrefix("snyk/actions/") || name.hasPrefix("reviewdog/") {
            return name.hasPrefix("snyk") ? .scan : .lint
        }
        return nil
    }

    /// Whether the action publishes or deploys something.
    public static func deploys(_ uses: String) -> Bool {
        guard let name = name(of: uses) else { return false }
        return deployers.contains(name) || name.contains(bytes: "deploy") || name.contains(bytes: "publish")
    }

    private static let kinds: [String: CommandKind] = [
        "aquasecurity/trivy-action": .scan, "anchore/scan-action": .scan, "github/codeql-action/analyze": .scan,
        "returntocorp/semgrep-action": .scan, "semgrep/semgrep-action": .scan, "gitleaks/gitleaks-action": .scan,
        "zricethezav/gitleaks-action": .scan, "trufflesecurity/trufflehog": .scan, "pypa/gh-action-pip-audit": .scan,
        "rustsec/audit-check": .scan, "actions-rust-lang/audit": .scan, "embarkstudios/cargo-deny-action": .scan,
        "actions/dependency-review-action": .scan, "golang/govulncheck-action": .scan, "securego/gosec": .scan,
        "bridgecrewio/checkov-action": .scan, "aquasecurity/tfsec-action": .scan, "zizmorcore/zizmor-action": .scan,
        "checkmarx/kics-github-action": .scan, "microsoft/devskim-action": .scan, "ossf/scorecard-action": .scan,
        "golangci/golangci-lint-action": .lint, "super-linter/super-linter": .lint, "github/super-linter": .lint,
        "pre-commit/action": .lint, "rhysd/actionlint": .lint, "raven-actions/actionlint": .lint,
        "ludeeus/action-shellcheck": .lint, "hadolint/hadolint-action": .lint, "actions-rs/clippy-check": .lint,
        "wearerequired/lint-action": .lint, "dominikh/staticcheck-action": .lint, "astral-sh/ruff-action": .lint,
        "chartboost/ruff-action": .lint, "psf/black": .lint, "norio-nomura/action-swiftlint": .lint,
        "cypress-io/github-action": .test, "paambaati/codeclimate-action": .test,
        "docker/build-push-action": .build, "docker/bake-action": .build,
    ]

    private static let deployers: Set<String> = [
        "softprops/action-gh-release", "ncipollo/release-action", "peaceiris/actions-gh-pages",
        "jamesives/github-pages-deploy-action", "actions/deploy-pages", "goreleaser/goreleaser-action",
        "azure/webapps-deploy", "azure/k8s-deploy", "aws-actions/amazon-ecs-deploy-task-definition",
        "google-github-actions/deploy-cloudrun", "google-github-actions/deploy-appengine", "cloudflare/wrangler-action",
        "amondnet/vercel-action", "superfly/flyctl-actions", "akhileshns/heroku-deploy", "helm/chart-releaser-action",
        "changesets/action", "rubygems/release-gem", "pypa/gh-action-pypi-publish",
    ]
}
