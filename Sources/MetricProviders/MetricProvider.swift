import Foundation

/// A source of measurements for rollout analysis: the proxy's own metrics, Prometheus, a web endpoint or a command.
///
/// Contract:
/// - `measure` never throws. Every failure — a bad query, an unreachable server, a timeout, a result of the wrong
///   shape — comes back as a `MetricResult` whose phase is `.error(message)`; an answer that holds no number (no
///   series, no requests, `NaN`) comes back as `.noData(reason)`. A caller never has to guess which.
/// - `measure` returns within the query's `timeout` plus a small margin, and promptly when its task is cancelled
///   (the result is then an error saying so); anything it started (a request, a process group) is ended first.
/// - Providers hold no per-query state: calls are independent, may run concurrently, and may be repeated.
/// - `at` is the measurement's logical time. Providers that can ask for a point in time (Prometheus) ask for `at`,
///   so a stored result can be replayed; the others measure "now" and only record `at`.
public protocol MetricProvider: Sendable {
    /// The provider's YAML key, equal to the raw value of its `MetricProviderKind`.
    static var id: String { get }

    /// Measures `query` at time `at`; see the protocol's contract for how failures are reported.
    func measure(_ query: MetricQuery, at: Date) async -> MetricResult
}

extension MetricProvider {
    /// The error result returned when a query meant for another provider reaches this one.
    func mismatch(_ query: MetricQuery, at: Date) -> MetricResult {
        .error(
            "a \"\(query.kind.rawValue)\" query was sent to the \"\(Self.id)\" provider",
            query: query.text,
            at: at
        )
    }
}

extension Duration {
    /// The duration the way Gantry's YAML writes it: `10s`, `1.5s`, `250ms`.
    var rendered: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        return "\(Double(milliseconds) / 1000)s"
    }

    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
