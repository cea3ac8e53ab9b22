/// Splits a service's traffic between replica groups: Gantry's proxy for local targets, or the target itself
/// (a script hook, an Istio VirtualService, a Service selector) for targets whose `routesTraffic` is true.
///
/// Contract: `setWeights` is atomic from a client's point of view (no request sees a split that is neither the
/// old one nor the new one) and idempotent. Groups missing from `routes` get nothing. Weights sum to 1000
/// permille, or are all 0 (no traffic, before a first deploy); a router that cannot split (a Service selector)
/// accepts only 0 and 1000 and throws otherwise. When the call returns, new requests follow the new split;
/// requests in flight finish where they started. A failure throws and leaves the previous split in place; the
/// controller retries a call that moves traffic away from a canary until it succeeds, because an abort must never
/// be lost.
public protocol TrafficRouter: Sendable {
    /// Routes each group its share of new requests.
    func setWeights(_ routes: [TrafficRoute]) async throws
}

/// One group's share of the traffic.
public struct TrafficRoute: Sendable, Hashable, Codable {
    /// The group.
    public var group: ReplicaGroup
    /// The role it holds now (`${ROLE}` for a script hook).
    public var role: ReplicaRole
    /// Its share in permille.
    public var permille: Int

    /// A route.
    public init(group: ReplicaGroup, role: ReplicaRole, permille: Int) {
        self.group = group
        self.role = role
        self.permille = permille
    }
}
