/// A place where a service's replicas run: `LocalTarget`, `ScriptTarget` and `KubernetesTarget` implement it
/// outside this module; the rollout controller calls it to carry out `RolloutAction`s.
///
/// Contract:
/// - **Groups, not roles.** The state machine speaks of roles (`stable`, `canary`, …); the controller maps each
///   role to a `ReplicaGroup` it names when it performs `startReplicas`, moves the mapping on `relabel` (which
///   calls nothing here), and forgets it on `stopReplicas`, calling `stop` after the delay. So a delayed stop
///   always stops the replicas it was meant for, even if the role was started again meanwhile.
/// - **Idempotency.** Every method may be called again with the same arguments (a retried call, a restart) and
///   must converge to the same state without duplicating replicas: `deploy` of a group that exists only adjusts
///   its count; `stop` of a group that does not exist succeeds.
/// - **Call order.** `deploy` before `scale`, `readiness` or `stop` of that group. The controller never calls
///   two methods for the same group concurrently; calls for different groups may overlap.
/// - **Readiness.** `deploy` and `scale` return once the replicas are started, not when they are ready; the
///   controller polls `readiness` and reports `replicasReady` only when every replica is ready, and routes no
///   traffic to a group before that.
/// - **Failure.** Methods throw when the target could not do what was asked (a hook exited non-zero, `kubectl`
///   failed, a program could not be started). A thrown `deploy` or `scale`, or a group not ready within the
///   target's start timeout, becomes `RolloutEvent.replicasFailed`, which fails the rollout; a thrown `stop` is
///   retried and reported, never blocking a rollback.
/// - **Cancellation.** Cancelling the calling task cancels the work (kills hooks, stops waiting) and throws
///   `CancellationError`; replicas already started keep running until `stop`.
public protocol Target: Sendable {
    /// Makes `replicas` replicas of `group.version` run as `group`. Returns the address of every replica (used by
    /// the proxy for a local target; empty where the target routes traffic itself).
    func deploy(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint]

    /// Changes the number of replicas of `group`, returning the addresses of those that remain or were added.
    func scale(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint]

    /// Stops every replica of `group`, draining each (SIGTERM, grace, SIGKILL for a local target).
    func stop(_ group: ReplicaGroup) async throws

    /// How many replicas of `group` exist and how many are ready now.
    func readiness(_ group: ReplicaGroup) async throws -> Readiness
}
