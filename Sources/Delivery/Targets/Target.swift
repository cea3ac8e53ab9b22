/// A place where a service's replicas run: `LocalTarget`, `ScriptTarget` and `KubernetesTarget` implement it
/// outside this module, the rollout controller calls it to carry out `RolloutAction`s.
///
/// Contract:
/// - **Roles, not versions.** Replicas are addressed by `ReplicaRole`; a role holds at most one version at a time.
///   Actions that name a role act on the replicas holding it *when the call is made*: a delayed `stop` keeps
///   acting on those replicas even if the role is relabelled or re-deployed meanwhile.
/// - **Idempotency.** Every method may be called again with the same arguments (after a crash and restart, or a
///   retried call) and must converge to the same state without duplicating replicas: `deploy` of a version a role
///   already runs only adjusts the count; `stop` of a role with no replicas succeeds; `relabel` of an empty role
///   succeeds.
/// - **Call order.** `deploy` before `readiness`, `scale` or `stop` of that role; `relabel` only when no call on
///   either role is in flight. The controller never calls two methods of one target concurrently for one service.
/// - **Readiness.** `deploy` and `scale` return once the replicas are started, not when they are ready; the
///   controller polls `readiness` and only routes traffic to a role once every replica of it is ready.
/// - **Failure.** Methods throw when the target could not do what was asked (a hook exited non-zero, `kubectl`
///   failed, a command could not be started). The controller turns a thrown `deploy` or `scale` into
///   `RolloutEvent.replicasFailed`, which fails the rollout; a thrown `stop` is retried and reported, never
///   blocking a rollback.
/// - **Cancellation.** Cancelling the calling task cancels the work (kills hooks, stops waiting) and throws
///   `CancellationError`; replicas already started keep running until `stop`.
public protocol Target: Sendable {
    /// Makes `replicas` replicas of `version` run under `role`, replacing any other version in that role.
    /// Returns the address of every replica (for the proxy of a local target; empty where the target routes).
    func deploy(version: String, role: ReplicaRole, replicas: Int) async throws -> [ReplicaEndpoint]

    /// Changes the number of replicas of `role` to `replicas` (0 stops them all but keeps the role known).
    func scale(role: ReplicaRole, replicas: Int) async throws -> [ReplicaEndpoint]

    /// Gives the replicas of `role` the role `newRole`; `newRole` must be empty.
    func relabel(role: ReplicaRole, as newRole: ReplicaRole) async throws

    /// Stops every replica of `role`, draining each (SIGTERM, grace, SIGKILL for a local target).
    func stop(role: ReplicaRole) async throws

    /// How many replicas of `role` exist and how many are ready now.
    func readiness(role: ReplicaRole) async throws -> Readiness
}

/// Where one replica listens.
public struct ReplicaEndpoint: Sendable, Hashable, Codable {
    /// The host, usually `127.0.0.1`.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// An endpoint at `host:port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}

/// A snapshot of one role's replicas.
public struct Readiness: Sendable, Hashable, Codable {
    /// Replicas that exist (starting, running or restarting).
    public var replicas: Int
    /// Replicas whose readiness check passes.
    public var ready: Int
    /// Why replicas are not ready, such as `replica 2 exited with status 1 (restart 3 in 4s)`.
    public var messages: [String]

    /// A snapshot with the given counts.
    public init(replicas: Int, ready: Int, messages: [String] = []) {
        self.replicas = replicas
        self.ready = ready
        self.messages = messages
    }

    /// Every replica is ready (and there is at least one).
    public var isReady: Bool { replicas > 0 && ready == replicas }
}
