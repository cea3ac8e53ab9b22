import Foundation

/// One measurement as a provider saw it: what was asked, what came back, and the number drawn from it.
///
/// Stored with the condition and the verdict by the controller, so every abort can be explained ("the query
/// returned 0.31") and replayed (the query, its time and the raw answer are all here).
public struct MetricResult: Sendable, Hashable {
    /// What a measurement produced.
    public enum Phase: Sendable, Hashable {
        /// A number was measured; `MetricResult.value` holds it.
        case value
        /// The source answered, but with nothing to judge (no series, no requests, `NaN`); the reason says which.
        case noData(String)
        /// The measurement failed (unreachable, timed out, malformed, ambiguous); the message says why.
        case error(String)
    }

    /// The most characters of `raw` kept; longer answers are cut and marked.
    public static let rawLimit = 16_384

    /// The measured number; non-nil exactly when `phase` is `.value`.
    public let value: Double?
    /// The raw answer (response body, command output), cut to `rawLimit` characters.
    public let raw: String
    /// The query as it was sent, rendered for people: the PromQL, `GET <url> | <path>`, the command line.
    public let query: String
    /// Whether a value, no data or an error came back.
    public let phase: Phase
    /// The measurement's logical time, as passed to `measure`.
    public let at: Date

    private init(value: Double?, raw: String, query: String, phase: Phase, at: Date) {
        self.value = value
        self.raw = Self.truncate(raw)
        self.query = query
        self.phase = phase
        self.at = at
    }

    /// A measured number.
    public static func value(_ value: Double, query: String, raw: String, at: Date) -> MetricResult {
        MetricResult(value: value, raw: raw, query: query, phase: .value, at: at)
    }

    /// An answer with nothing to judge, and why.
    public static func noData(_ reason: String, query: String, raw: String = "", at: Date) -> MetricResult {
        MetricResult(value: nil, raw: raw, query: query, phase: .noData(reason), at: at)
    }

    /// A failed measurement, and why.
    public static func error(_ message: String, query: String, raw: String = "", at: Date) -> MetricResult {
        MetricResult(value: nil, raw: raw, query: query, phase: .error(message), at: at)
    }

    /// The no-data reason or error message; nil for a value.
    public var message: String? {
        switch phase {
        case .value: nil
        case .noData(let reason): reason
        case .error(let message): message
        }
    }

    /// Cuts `text` to `rawLimit` characters, saying how long it was.
    static func truncate(_ text: String) -> String {
        guard text.count > rawLimit else { return text }
        return String(text.prefix(rawLimit)) + "\n… (truncated; \(text.utf8.count) bytes in all)"
    }
}

extension MetricResult: CustomStringConvertible {
    /// `0.42 from <query>`, `no data (<reason>) from <query>` or `error (<message>) from <query>`.
    public var description: String {
        switch phase {
        case .value: "\(value.map { "\($0)" } ?? "?") from \(query)"
        case .noData(let reason): "no data (\(reason)) from \(query)"
        case .error(let message): "error (\(message)) from \(query)"
        }
    }
}
