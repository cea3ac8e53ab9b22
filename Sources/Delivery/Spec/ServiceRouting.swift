/// How Gantry's proxy routes a local target's requests besides the weights: header and cookie rules that send a
/// request to one role whatever the weights (to try a canary before it takes traffic), and a sticky cookie that
/// keeps a client on the role it was first sent to while that role has weight.
public struct ServiceRouting: Sendable, Hashable, Codable {
    /// One rule; the first that matches a request wins.
    public struct Rule: Sendable, Hashable, Codable {
        /// What a request must carry.
        public enum Match: Sendable, Hashable, Codable {
            /// A header of this name (any case) whose value equals the rule's value exactly.
            case header(String)
            /// A cookie of this name whose value equals the rule's value exactly.
            case cookie(String)
        }

        /// What a request must carry.
        public var match: Match
        /// The header's or cookie's value.
        public var value: String
        /// Where matching requests go; a role without ready replicas is skipped.
        public var role: ReplicaRole

        /// A rule.
        public init(match: Match, value: String, role: ReplicaRole) {
            self.match = match
            self.value = value
            self.role = role
        }
    }

    /// The cookie naming the role a client was sent to, or nil for no stickiness.
    public var stickyCookie: String?
    /// Rules, checked in order before stickiness and weights.
    public var rules: [Rule]

    /// Routing with the given parts; by default weights alone decide.
    public init(stickyCookie: String? = nil, rules: [Rule] = []) {
        self.stickyCookie = stickyCookie
        self.rules = rules
    }
}
