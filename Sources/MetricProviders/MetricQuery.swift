import Foundation

/// What to measure: the query text, how long to wait, and the provider's own options.
///
/// `text` is the provider's main argument: a builtin query name (`error-rate`), PromQL, a URL, or the command line
/// shown to people (the command itself is `CommandOptions.arguments`). The provider is chosen by `options`.
public struct MetricQuery: Sendable, Hashable {
    /// The provider-specific part of a query; its case decides the provider.
    public enum Options: Sendable, Hashable {
        /// Options of the builtin provider (the proxy's own metrics).
        case builtin(BuiltinOptions)
        /// Options of the Prometheus provider.
        case prometheus(PrometheusOptions)
        /// Options of the web provider.
        case web(WebOptions)
        /// Options of the command provider.
        case command(CommandOptions)

        /// The provider these options belong to.
        public var kind: MetricProviderKind {
            switch self {
            case .builtin: .builtin
            case .prometheus: .prometheus
            case .web: .web
            case .command: .command
            }
        }
    }

    /// The default time a measurement may take.
    public static let defaultTimeout: Duration = .seconds(10)

    /// The query name, PromQL, URL or command line.
    public var text: String
    /// How long the measurement may take before it is abandoned as an error.
    public var timeout: Duration
    /// The provider-specific options.
    public var options: Options

    /// The provider that answers this query.
    public var kind: MetricProviderKind { options.kind }

    /// A query with explicit options.
    public init(text: String, timeout: Duration = MetricQuery.defaultTimeout, options: Options) {
        self.text = text
        self.timeout = timeout
        self.options = options
    }

    /// A builtin query (`error-rate`, `request-count`, `latency-p50` …) about one version over a window.
    public static func builtin(
        _ name: String,
        version: String,
        window: Duration = BuiltinOptions.defaultWindow
    ) -> MetricQuery {
        MetricQuery(text: name, options: .builtin(BuiltinOptions(version: version, window: window)))
    }

    /// A PromQL query, instant at the measurement time unless `range` is given.
    public static func prometheus(
        _ promQL: String,
        address: String? = nil,
        range: PrometheusRange? = nil,
        timeout: Duration = MetricQuery.defaultTimeout
    ) -> MetricQuery {
        MetricQuery(
            text: promQL,
            timeout: timeout,
            options: .prometheus(PrometheusOptions(address: address, range: range))
        )
    }

    /// A GET of `url`, whose JSON answer is read at `jsonPath`.
    public static func web(
        _ url: String,
        jsonPath: String,
        headers: [String: String] = [:],
        timeout: Duration = MetricQuery.defaultTimeout
    ) -> MetricQuery {
        MetricQuery(text: url, timeout: timeout, options: .web(WebOptions(jsonPath: jsonPath, headers: headers)))
    }

    /// A command (argv, no shell unless you run one), its printed number or exit status being the value.
    public static func command(
        _ arguments: [String],
        workingDirectory: String? = nil,
        environment: [String: String] = [:],
        timeout: Duration = MetricQuery.defaultTimeout
    ) -> MetricQuery {
        let options = CommandOptions(
            arguments: arguments,
            workingDirectory: workingDirectory,
            environment: environment
        )
        return MetricQuery(text: options.commandLine, timeout: timeout, options: .command(options))
    }
}
