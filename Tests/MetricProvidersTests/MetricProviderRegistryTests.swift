import Foundation
import MetricProviders
import Testing

/// The registration list and the shared result type.
@Suite("Metric provider registry")
struct MetricProviderRegistryTests {
    @Test("every kind makes the provider whose id is the kind's YAML key", arguments: MetricProviderKind.allCases)
    func make(_ kind: MetricProviderKind) {
        let provider = MetricProviderRegistry.make(kind: kind, configuration: MetricProviderConfiguration())
        #expect(type(of: provider).id == kind.rawValue)
    }

    @Test("a query's options decide its kind")
    func kinds() {
        #expect(MetricQuery.builtin("error-rate", version: "canary").kind == .builtin)
        #expect(MetricQuery.prometheus("up").kind == .prometheus)
        #expect(MetricQuery.web("http://x", jsonPath: "$.a").kind == .web)
        #expect(MetricQuery.command(["true"]).kind == .command)
    }

    @Test("a query sent to the wrong provider is an error, not a guess")
    func mismatch() async {
        let result = await CommandProvider().measure(.prometheus("up"), at: Date())
        expect(result, .error(#"a "prometheus" query was sent to the "command" provider"#))
    }

    @Test("the registry's measure uses the configured defaults")
    func measureThroughRegistry() async {
        let proxy = FakeProxyMetrics(["canary": WindowStats(requests: 10, errors: 1)])
        let configuration = MetricProviderConfiguration(proxyMetrics: proxy)
        let result = await MetricProviderRegistry.measure(
            .builtin("error-rate", version: "canary"),
            at: Date(),
            configuration: configuration
        )
        #expect(result.value == 0.1)
    }

    @Test("a long raw answer is cut to the limit and says how long it was")
    func truncation() {
        let long = String(repeating: "x", count: MetricResult.rawLimit + 10)
        let result = MetricResult.value(1, query: "q", raw: long, at: Date())
        #expect(result.raw.hasPrefix(String(repeating: "x", count: MetricResult.rawLimit) + "\n… (truncated;"))
        #expect(result.raw.hasSuffix("\(MetricResult.rawLimit + 10) bytes in all)"))
        #expect(MetricResult.value(1, query: "q", raw: "short", at: Date()).raw == "short")
    }

    @Test("a command line is quoted for a POSIX shell")
    func commandLine() {
        let options = CommandOptions(arguments: ["sh", "-c", "echo 'hi' $X", "a=b", ""])
        #expect(options.commandLine == #"sh -c 'echo '\''hi'\'' $X' a=b ''"#)
    }

    @Test("every provider has its page in docs/providers", arguments: MetricProviderKind.allCases)
    func documented(_ kind: MetricProviderKind) throws {
        // The test folder may be reached through a symlink; the docs sit beside the real one.
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = root.appendingPathComponent("docs/providers/\(kind.rawValue).md")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.hasPrefix("# `\(kind.rawValue)` provider"))
        #expect(text.contains("## Result rules") || text.contains("## Value rules"))
    }
}
