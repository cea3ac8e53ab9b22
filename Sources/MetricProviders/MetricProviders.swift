import AsyncHTTPClient
import Foundation

/// The metric providers Gantry knows, by YAML key.
public enum MetricProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The proxy's own per-version metrics.
    case builtin
    /// A Prometheus server's HTTP API.
    case prometheus
    /// Any HTTP endpoint answering JSON.
    case web
    /// A command's printed number or exit status.
    case command
}

/// What providers share: where the proxy's metrics come from, the default Prometheus, the HTTP client.
public struct MetricProviderConfiguration: Sendable {
    /// The proxy's per-version metrics, read by the builtin provider; nil when no proxy runs here.
    public var proxyMetrics: (any ProxyMetricsSource)?
    /// The Prometheus base URL (`http://127.0.0.1:9090`) used when a query names none.
    public var prometheusAddress: String?
    /// The HTTP client of the Prometheus and web providers; the caller owns its lifetime.
    public var httpClient: HTTPClient

    /// A configuration; by default no proxy, no Prometheus, and the process-wide shared HTTP client.
    public init(
        proxyMetrics: (any ProxyMetricsSource)? = nil,
        prometheusAddress: String? = nil,
        httpClient: HTTPClient = .shared
    ) {
        self.proxyMetrics = proxyMetrics
        self.prometheusAddress = prometheusAddress
        self.httpClient = httpClient
    }
}

/// The one registration list of metric providers.
///
/// (Not named `MetricProviders`: a type must not share its module's name.)
///
/// To add a provider: a folder `MetricProviders/<Name>/` with `<Name>Provider` and `<Name>Options`, a case in
/// `MetricProviderKind` and `MetricQuery.Options`, one line in `make`, and `docs/providers/<name>.md`.
public enum MetricProviderRegistry {
    /// Makes the provider for `kind`.
    public static func make(kind: MetricProviderKind, configuration: MetricProviderConfiguration) -> any MetricProvider
    {
        switch kind {
        case .builtin: BuiltinProvider(source: configuration.proxyMetrics)
        case .prometheus: PrometheusProvider(address: configuration.prometheusAddress, client: configuration.httpClient)
        case .web: WebProvider(client: configuration.httpClient)
        case .command: CommandProvider()
        }
    }

    /// Measures `query` with a freshly made provider of its kind; for callers that keep no providers around.
    public static func measure(
        _ query: MetricQuery,
        at date: Date,
        configuration: MetricProviderConfiguration
    ) async -> MetricResult {
        await make(kind: query.kind, configuration: configuration).measure(query, at: date)
    }
}
