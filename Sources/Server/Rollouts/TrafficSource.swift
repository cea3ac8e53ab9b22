import Delivery

/// Per-role request figures from whatever carries the service's traffic (Gantry's proxy for local targets).
public protocol TrafficSource: Sendable {
    /// Requests, errors (5xx and failed connections) and latencies (milliseconds) of `role` over the last
    /// `seconds` complete seconds; nil when the role receives no traffic at all.
    func stats(role: ReplicaRole, seconds: Int) async -> RequestStats?
}
