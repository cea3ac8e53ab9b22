import AsyncHTTPClient
import Foundation

/// Measures a PromQL query through a Prometheus server's HTTP API (`/api/v1/query`, `/api/v1/query_range`).
///
/// Instant queries are evaluated at the measurement time and range queries end at it, so a stored result can be
/// replayed against the same server. The answer must reduce to one number; the shape rules
/// (`PrometheusProvider+Response.swift`, `docs/providers/prometheus.md`) turn every other answer into no data
/// or an error that says how to fix the query.
public struct PrometheusProvider: MetricProvider {
    /// The provider's YAML key.
    public static let id = "prometheus"

    /// The server used when a query names none.
    public let defaultAddress: String?
    private let fetch: HTTPFetch

    /// A provider asking `address` unless a query names its own server.
    public init(address: String? = nil, client: HTTPClient = .shared) {
        self.defaultAddress = address
        self.fetch = HTTPFetch(client: client)
    }

    /// Runs the query and applies the shape rules; never throws (see `MetricProvider`).
    public func measure(_ query: MetricQuery, at date: Date) async -> MetricResult {
        guard case .prometheus(let options) = query.options else { return mismatch(query, at: date) }
        let rendered = Self.render(query.text, range: options.range)
        guard let address = options.address ?? defaultAddress, !address.isEmpty else {
            return .error(
                "no Prometheus address: set `address` on the metric or a default for the provider",
                query: rendered,
                at: date
            )
        }
        if let range = options.range, range.step <= .zero || range.duration <= .zero {
            return .error("a range query needs a positive duration and step", query: rendered, at: date)
        }
        let url = Self.url(address: address, promQL: query.text, range: options.range, at: date, timeout: query.timeout)
        switch await fetch.get(url, timeout: query.timeout) {
        case .failure(let failure):
            return .error(failure.message, query: rendered, at: date)
        case .success(let response):
            return Self.interpret(response, query: rendered, at: date)
        }
    }

    /// The query as stored: the PromQL, with the range and step appended for a range query.
    static func render(_ promQL: String, range: PrometheusRange?) -> String {
        guard let range else { return promQL }
        return "\(promQL) [range \(range.duration.rendered), step \(range.step.rendered)]"
    }

    /// The request URL: `/api/v1/query?query=…&time=…` or `/api/v1/query_range?query=…&start=…&end=…&step=…`.
    static func url(address: String, promQL: String, range: PrometheusRange?, at date: Date, timeout: Duration)
        -> String
    {
        var base = address
        while base.hasSuffix("/") { base.removeLast() }
        let end = date.timeIntervalSince1970
        var parameters: [(String, String)] = [("query", promQL)]
        if let range {
            parameters += [
                ("start", timestamp(end - range.duration.seconds)),
                ("end", timestamp(end)),
                ("step", seconds(range.step)),
            ]
        } else {
            parameters.append(("time", timestamp(end)))
        }
        parameters.append(("timeout", seconds(timeout)))
        let encoded = parameters.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&")
        return "\(base)/api/v1/\(range == nil ? "query" : "query_range")?\(encoded)"
    }

    /// Unix seconds with millisecond precision, as Prometheus reads them.
    private static func timestamp(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }

    /// A duration as Prometheus reads it: float seconds.
    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.seconds)
    }

    /// Percent-encodes a query parameter value (PromQL is full of `{`, `"`, `+`, `=` and spaces).
    private static func percentEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
