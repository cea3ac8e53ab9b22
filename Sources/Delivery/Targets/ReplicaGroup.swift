/// One set of replicas of one version, started for one role; named by the controller, unique per start.
public struct ReplicaGroup: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A unique name such as `web-production-2-canary-1` (service, environment, version, role, attempt); usable as
    /// a Kubernetes name and a file name.
    public var id: String
    /// The version the replicas run.
    public var version: String
    /// The role the group was started for (it may hold another role later, after a promotion).
    public var role: ReplicaRole

    /// A group.
    public init(id: String, version: String, role: ReplicaRole) {
        self.id = id
        self.version = version
        self.role = role
    }

    /// The id.
    public var description: String { id }
}
