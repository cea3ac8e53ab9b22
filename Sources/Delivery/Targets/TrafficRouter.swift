/// Splits a service's traffic between replica roles: Gantry's proxy for local targets, or the target itself
/// (a script hook, an Istio VirtualService, a Service selector).
///
/// Contract: `setWeights` is atomic from a client's point of view (no request sees a state that is neither the
/// old split nor the new one) and idempotent. Roles missing from `weights` get 0. Weights sum to 1000 permille;
/// a router that cannot split (a Service selector) accepts only 0 and 1000 and throws otherwise. When the call
/// returns, new requests follow the new split; requests in flight finish where they started. A failure throws and
/// leaves the previous split in place; the controller retries a failed call that moves traffic away from a canary
/// until it succeeds, because an abort must never be lost.
public protocol TrafficRouter: Sendable {
    /// Routes `weights[role]` permille of new requests to each role.
    func setWeights(_ weights: [ReplicaRole: Int]) async throws
}
