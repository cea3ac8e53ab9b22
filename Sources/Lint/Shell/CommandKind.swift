/// What a command does, for the rules that care whether a failure can be hidden: running tests, a linter or a
/// type checker, a security scanner or audit, or a build.
public enum CommandKind: String, Sendable, Hashable, CaseIterable {
    case test
    case lint
    case scan
    case build

    /// The noun used in messages: "test command", "scanner".
    public var noun: String {
        switch self {
        case .test: "test command"
        case .lint: "lint command"
        case .scan: "security scan"
        case .build: "build command"
        }
    }

    /// Tests, linters and scanners: the commands whose only purpose is to fail when something is wrong.
    public var isCheck: Bool { self != .build }

    /// The kind of `words` (one simple command, quotes removed), or nil when it is none of these.
    public static func of(_ words: [String]) -> CommandKind? {
        let words = CommandWords.strippingWrappers(words)
        if words.contains(where: { $0 == "--version" || $0 == "--help" || $0 == "-h" }) { return nil }
        guard let program = words.first.map(CommandWords.programName) else { return nil }
        let rest = Array(words.dropFirst())
        let arguments = rest.filter { !$0.hasPrefix("-") }
        let first = arguments.first ?? ""
        if let kind = packageScript(program, rest) { return kind }
        if let kind = formatter(program, rest) { return kind }
        if let kind = tools[program] { return kind }
        if let kind = subcommands[program]?[first] { return kind }
        switch program {
        case "make", "gmake", "just", "task", "rake", "nx", "turbo", "lerna", "bazel", "bazelisk", "ninja":
            if program == "make" && arguments.isEmpty { return .build }
            return arguments.lazy.compactMap(target).first
        case "tox", "nox":
            return .test
        case "cmake":
            return rest.contains("--build") ? .build : nil
        case "mvn", "mvnw", "gradle", "gradlew":
            return arguments.lazy.compactMap(mavenGoal).first
        case "python", "python3", "py":
            guard rest.first == "-m", rest.count > 1 else { return nil }
            return of(Array(rest.dropFirst()))
        default:
            return nil
        }
    }

    /// Formatters are lint commands only when asked to check instead of rewrite.
    private static func formatter(_ program: String, _ rest: [String]) -> CommandKind? {
        let checking = rest.contains {
            ["--check", "-check", "--dry-run", "-l", "--lint", "--verify", "lint", "--check-formatted"].contains($0)
        }
        switch program {
        case "black", "isort", "prettier", "gofmt", "rustfmt", "clang-format", "swift-format", "dprint", "shfmt",
            "yapf":
            return checking ? .lint : nil
        case "ruff":
            return rest.first == "format" && !checking ? nil : .lint
        case "cargo" where rest.first == "fmt", "mix" where rest.first == "format",
            "terraform" where rest.first == "fmt":
            return checking ? .lint : nil
        default:
            return nil
        }
    }

    /// `npm test`, `npm run lint`, `yarn test:unit`, `pnpm run build`, `bun test`.
    private static func packageScript(_ program: String, _ rest: [String]) -> CommandKind? {
        guard ["npm", "yarn", "pnpm", "bun"].contains(program) else { return nil }
        var arguments = rest.filter { !$0.hasPrefix("-") }
        guard let command = arguments.first else { return nil }
        if command == "audit" { return arguments.contains("fix") ? nil : .scan }
        if ["test", "t", "tst"].contains(command) { return .test }
        if ["run", "run-script"].contains(command) {
            arguments.removeFirst()
            return arguments.first.flatMap(target)
        }
        // yarn and pnpm run a package script named as their first argument; npm and bun do not.
        guard program == "yarn" || program == "pnpm", !builtins.contains(command) else { return nil }
        return target(command)
    }

    /// A make target or package script name: `test`, `test:unit`, `unit-tests`, `lint-go`, `check`, `build`.
    static func target(_ name: String) -> CommandKind? {
        let name = name.lowercased()
        let parts = name.split(whereSeparator: { ":-_./".contains($0) }).map(String.init)
        // `lint-yaml-build`, `test-setup`, `lint-fix`: preparing or fixing, not checking.
        if let last = parts.last, parts.count > 1, setupWords.contains(last) { return last == "build" ? .build : nil }
        if parts.contains(where: {
            ["test", "tests", "spec", "specs", "e2e", "check", "ci", "unittest", "coverage"].contains($0)
        }) {
            return .test
        }
        if parts.contains(where: {
            ["lint", "lints", "typecheck", "fmt-check", "format-check", "vet", "clippy", "tsc", "types"].contains($0)
        }) {
            return .lint
        }
        if parts.contains(where: { ["audit", "scan", "security", "vuln", "vulncheck"].contains($0) }) { return .scan }
        if parts.first == "build" || parts.first == "compile" { return .build }
        return nil
    }

    private static let setupWords: Set<String> = [
        "build", "install", "setup", "deps", "prepare", "tools", "bootstrap", "clean", "fix", "update", "init", "env",
        "image", "images", "docker", "report", "results", "upload", "server", "start", "stop", "down", "up",
    ]

    private static func mavenGoal(_ goal: String) -> CommandKind? {
        let goal = goal.split(separator: ":").last.map(String.init) ?? goal
        switch goal {
        case "test", "check", "verify", "integrationTest", "connectedCheck": return .test
        case "lint", "spotlessCheck", "checkstyleMain", "detekt", "ktlintCheck": return .lint
        case "dependencyCheckAnalyze", "dependency-check": return .scan
        case "package", "install", "build", "assemble", "compile": return .build
        default: return goal.hasSuffix("Test") || goal.hasSuffix("Tests") ? .test : nil
        }
    }

    /// yarn and pnpm commands that are not package scripts.
    private static let builtins: Set<String> = [
        "install", "i", "add", "remove", "ci", "exec", "dlx", "publish", "pack", "link", "why", "config", "set",
        "workspace", "workspaces", "cache", "version", "outdated", "upgrade", "up", "store", "env", "info", "list",
    ]

    /// Programs whose every use is of one kind.
    private static let tools: [String: CommandKind] = [
        "pytest": .test, "py.test": .test, "jest": .test, "vitest": .test, "mocha": .test, "ava": .test,
        "phpunit": .test, "pest": .test, "rspec": .test, "ctest": .test, "gotestsum": .test, "unittest": .test,
        "karma": .test, "tap": .test, "nextest": .test, "prove": .test, "bats": .test,
        "eslint": .lint, "flake8": .lint, "pylint": .lint, "mypy": .lint, "pyright": .lint, "golangci-lint": .lint,
        "staticcheck": .lint, "shellcheck": .lint, "hadolint": .lint, "swiftlint": .lint, "rubocop": .lint,
        "standardrb": .lint, "phpstan": .lint, "psalm": .lint, "actionlint": .lint, "yamllint": .lint,
        "markdownlint": .lint, "markdownlint-cli2": .lint, "stylelint": .lint, "tsc": .lint, "tflint": .lint,
        "cppcheck": .lint, "clang-tidy": .lint, "ktlint": .lint, "detekt": .lint, "codespell": .lint, "typos": .lint,
        "oxlint": .lint, "vale": .lint, "revive": .lint, "cpplint": .lint,
        "trivy": .scan, "grype": .scan, "bandit": .scan, "semgrep": .scan, "gosec": .scan, "govulncheck": .scan,
        "gitleaks": .scan, "trufflehog": .scan, "osv-scanner": .scan, "pip-audit": .scan, "bundle-audit": .scan,
        "bundler-audit": .scan, "brakeman": .scan, "checkov": .scan, "tfsec": .scan, "kics": .scan, "zizmor": .scan,
        "dependency-check": .scan, "retire": .scan, "audit-ci": .scan, "better-npm-audit": .scan,
    ]

    /// Programs whose kind depends on the first argument that is not an option.
    private static let subcommands: [String: [String: CommandKind]] = [
        "go": ["test": .test, "vet": .lint, "build": .build],
        "cargo": [
            "test": .test, "nextest": .test, "miri": .test, "clippy": .lint, "audit": .scan, "deny": .scan,
            "build": .build, "check": .lint,
        ],
        "swift": ["test": .test, "build": .build],
        "deno": ["test": .test, "lint": .lint, "check": .lint],
        "dotnet": ["test": .test, "build": .build],
        "mix": ["test": .test, "credo": .lint, "dialyzer": .lint, "compile": .build],
        "xcodebuild": ["test": .test, "build": .build],
        "meson": ["test": .test, "compile": .build],
        "biome": ["check": .lint, "lint": .lint, "ci": .lint],
        "rails": ["test": .test],
        "playwright": ["test": .test],
        "cypress": ["run": .test],
        "snyk": ["test": .scan, "code": .scan, "container": .scan, "iac": .scan],
        "safety": ["check": .scan, "scan": .scan],
        "composer": ["audit": .scan, "test": .test],
        "bundle": ["audit": .scan],
        "docker": ["build": .build, "buildx": .build],
        "pre-commit": ["run": .lint],
        "terraform": ["validate": .lint],
    ]
}
