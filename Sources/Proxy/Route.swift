/// A rule that sends matching requests to one version whatever the weights, checked before stickiness and weights.
///
/// Routes are checked in order; the first match wins. A route applies even when its version's weight is 0
/// (the usual way to try a canary before it takes traffic), but not when that version has no ready replica:
/// the request then falls through to the weights.
public struct Route: Sendable, Hashable {
    /// What a request must carry to match.
    public enum Match: Sendable, Hashable {
        /// A request header with this name (case-insensitive) whose value equals `value` exactly.
        case header(name: String, value: String)
        /// A cookie with this name whose value equals `value` exactly.
        case cookie(name: String, value: String)
    }

    /// What a request must carry to match.
    public var match: Match
    /// The name of the backend group that matching requests go to.
    public var group: String

    /// Creates a route sending requests that match to `group`.
    public init(_ match: Match, to group: String) {
        self.match = match
        self.group = group
    }

    /// Parses `header:NAME=VALUE=GROUP` or `cookie:NAME=VALUE=GROUP`, as the `--route` option takes it.
    public init?(parsing text: String) {
        let kind: Substring
        let rest: Substring
        guard let colon = text.firstIndex(of: ":") else { return nil }
        kind = text[..<colon]
        rest = text[text.index(after: colon)...]
        let parts = rest.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty else { return nil }
        switch kind {
        case "header": self.init(.header(name: String(parts[0]), value: String(parts[1])), to: String(parts[2]))
        case "cookie": self.init(.cookie(name: String(parts[0]), value: String(parts[1])), to: String(parts[2]))
        default: return nil
        }
    }
}
