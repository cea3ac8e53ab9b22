/// The questions the builtin provider answers, by name.
public enum BuiltinQuery: Sendable, Hashable, CustomStringConvertible {
    /// `error-rate`: failed requests / requests, from 0 to 1.
    case errorRate
    /// `request-count`: requests completed in the window.
    case requestCount
    /// `latency-p50`, `latency-p90`, `latency-p99` (any `latency-pNN` or `latency-pNN.N`): the latency quantile in
    /// seconds; the associated value is the quantile as a fraction (`0.99`).
    case latency(Double)

    /// The names documented for users; `latency-pNN` accepts other quantiles too.
    public static let documentedNames = ["error-rate", "request-count", "latency-p50", "latency-p90", "latency-p99"]

    /// Parses a query name, or returns nil.
    public init?(name: String) {
        switch name {
        case "error-rate":
            self = .errorRate
        case "request-count":
            self = .requestCount
        default:
            guard name.hasPrefix("latency-p"), let percent = Double(name.dropFirst("latency-p".count)),
                percent > 0, percent < 100, name.last?.isNumber == true
            else { return nil }
            self = .latency(percent / 100)
        }
    }

    /// The query's name as written in YAML.
    public var description: String {
        switch self {
        case .errorRate: return "error-rate"
        case .requestCount: return "request-count"
        case .latency(let quantile):
            let percent = quantile * 100
            let text = percent == percent.rounded() ? "\(Int(percent))" : "\(percent)"
            return "latency-p\(text)"
        }
    }
}
