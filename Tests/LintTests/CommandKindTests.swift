import Testing

@testable import Lint

@Suite("command kinds")
struct CommandKindTests {
    @Test(
        "test, lint, scan and build commands are recognised behind wrappers",
        arguments: [
            ("npm test", CommandKind.test), ("npm run test:unit", .test), ("yarn test", .test), ("pnpm lint", .lint),
            ("npm run lint", .lint), ("npm audit --audit-level=high", .scan), ("npx jest --ci", .test),
            ("pytest -x tests", .test), ("python -m pytest", .test), ("poetry run pytest", .test),
            ("uv run --with coverage pytest", .test), ("go test ./...", .test), ("cargo test --workspace", .test),
            ("cargo clippy -- -D warnings", .lint), ("cargo fmt --check", .lint), ("make test", .test),
            ("make -C sub check", .test), ("make lint", .lint), ("./gradlew check", .test), ("mvn -B verify", .test),
            ("bundle exec rspec", .test), ("vendor/bin/phpunit", .test), ("xvfb-run -a pnpm test", .test),
            ("FOO=1 sudo -E npm test", .test), ("timeout 10m go test ./...", .test), ("trivy image app", .scan),
            ("pip-audit", .scan), ("golangci-lint run", .lint), ("ruff check .", .lint), ("black --check .", .lint),
            ("swift build", .build), ("docker build .", .build), ("make lint-yaml-build", .build), ("make", .build),
            ("tox -e py312", .test),
        ])
    func kinds(command: String, kind: CommandKind) {
        #expect(CommandKind.of(command.split(separator: " ").map(String.init)) == kind)
    }

    @Test(
        "other commands are none of these",
        arguments: [
            "npm ci", "npm install", "yarn install", "pnpm add x", "npm audit fix", "echo npm test", "make lint-fix",
            "black .", "ruff format .", "git diff", "pip install pytest", "docker run app", "yarn build:docs:setup",
            "go run ./cmd/lint", "cargo fmt", "npm publish", "make clean",
        ])
    func others(command: String) {
        #expect(CommandKind.of(command.split(separator: " ").map(String.init)) == nil)
    }
}
