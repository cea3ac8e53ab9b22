/// Numbers as gate messages print them: no trailing zeros, and never rounded up past a threshold.
enum NumberText {
    /// `80`, `0.85`, `12.5`: at most `decimals` decimals, rounded to nearest.
    static func plain(_ value: Double, decimals: Int = 4) -> String {
        format(value, decimals: decimals, rule: .toNearestOrAwayFromZero)
    }

    /// An actual value, cut (not rounded) at `decimals` so that 79.996% prints as 79.99%, never as a passing 80%.
    static func truncated(_ value: Double, decimals: Int = 2) -> String {
        format(value, decimals: decimals, rule: .down)
    }

    private static func format(_ value: Double, decimals: Int, rule: FloatingPointRoundingRule) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // A tiny nudge keeps 0.29 * 100 = 28.999999999999996 from cutting down to 28.99.
        let scaled = (abs(value) * scale * (1 + 1e-12)).rounded(rule)
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var digits = fraction > 0 ? String(fraction) : ""
        if !digits.isEmpty { digits = String(repeating: "0", count: max(0, decimals - digits.count)) + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + String(whole) + (digits.isEmpty ? "" : "." + digits)
    }
}

extension NumberText {
    /// `1 test`, `2 tests`; `plural` for irregular nouns (`branch` → `branches`).
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? noun : plural ?? noun + "s")
    }

    /// `76.4% (382 of 500 lines)`.
    static func coverage(_ count: CoverageCount, _ kind: CoverageKind) -> String {
        let percent = count.percent.map { truncated($0) + "%" } ?? "n/a"
        return "\(percent) (\(count.hit) of \(NumberText.count(count.found, kind.noun, plural: kind.rawValue)))"
    }
}
