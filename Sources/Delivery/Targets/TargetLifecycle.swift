/// A target that wants to know how each rollout ended, for work that belongs to the end of a rollout rather than
/// to one group of replicas (a script target's `promote` and `rollback` hooks).
///
/// The controller calls it once per rollout, after the rollout's last weights are set; a throw is recorded in the
/// deployment's history and changes neither the outcome nor the traffic.
public protocol RolloutEndObserver: Sendable {
    /// The rollout of `version` ended with `outcome`; `stable` is the version that serves all traffic now.
    func rolloutEnded(_ outcome: RolloutOutcome, version: String, stable: ReplicaGroup?) async throws
}

/// A target whose replicas outlive the controller (a cluster), so a crashed controller can leave groups behind.
///
/// After a restart the controller restores the stable group, waits until it is ready and routes all traffic to it,
/// then calls `removeGroups(except:)`: the target deletes every group of the service it did not name.
public protocol OrphanCollecting: Sendable {
    /// Removes every group of this service except `kept`.
    func removeGroups(except kept: [ReplicaGroup]) async throws
}
