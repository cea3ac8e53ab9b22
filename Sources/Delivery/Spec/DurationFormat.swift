/// Durations as specs write them: `500ms`, `30s`, `5m`, `24h`, and sums such as `1h30m`.
public enum DurationFormat {
    /// The units a duration may use, longest suffix first so `ms` is not read as `m`.
    static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// Parses `text`; nil when it is not a sequence of `<integer><unit>` parts.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int64(digits), number < 1_000_000_000 else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += number * unit.milliseconds
        }
        return .milliseconds(total)
    }

    /// The shortest form that parses back to `duration`, such as `1h30m` or `250ms`.
    public static func format(_ duration: Duration) -> String {
        var milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "0s" }
        var text = milliseconds < 0 ? "-" : ""
        milliseconds = abs(milliseconds)
        for (suffix, size) in units.reversed() where milliseconds >= size {
            let count = milliseconds / size
            if suffix == "ms" || count > 0 {
                text += "\(count)\(suffix)"
                milliseconds -= count * size
            }
        }
        return text
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for arithmetic on timestamps.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
