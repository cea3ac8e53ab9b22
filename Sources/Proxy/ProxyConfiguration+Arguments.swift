extension BackendGroup {
    /// Parses `NAME=HOST:PORT[,HOST:PORT...]`, as the `--backend` option takes it; `nil` when malformed.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals]).trimmingWhitespace()
        var addresses: [Endpoint] = []
        for part in text[text.index(after: equals)...].split(separator: ",") {
            guard let endpoint = Endpoint(String(part)) else { return nil }
            addresses.append(endpoint)
        }
        guard !name.isEmpty, !addresses.isEmpty else { return nil }
        self.init(name: name, addresses: addresses)
    }
}

extension ProxyConfiguration {
    /// Parses `NAME=PERCENT` (0 to 100, at most one decimal, an optional `%`), as the `--weight` option takes it,
    /// into the group name and permille: `canary=10` is 100‰, `canary=0.5` is 5‰. `nil` when malformed or finer
    /// than 0.1%.
    public static func parseWeight(_ text: String) -> (group: String, permille: Int)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals]).trimmingWhitespace()
        var number = String(text[text.index(after: equals)...]).trimmingWhitespace()
        if number.hasSuffix("%") { number.removeLast() }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0 else { return nil }
        var tenths = 0
        if parts.count == 2 {
            guard parts[1].count == 1, let digit = Int(parts[1]) else { return nil }
            tenths = digit
        }
        let permille = whole * 10 + tenths
        guard permille <= 1000 else { return nil }
        return (name, permille)
    }
}
