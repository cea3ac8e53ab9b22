/// What a group of replicas is for during a rollout; weights, scaling and analysis address roles, not versions.
public enum ReplicaRole: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable,
    CustomStringConvertible
{
    /// The version that serves production traffic before and after a rollout.
    case stable
    /// The new version: canary replicas, the blue-green preview, or the new replicas of a rolling update.
    case canary
    /// Replicas of the stable version started with the canary, so both are compared at the same weight and age.
    case baseline
    /// The version that was stable before the last promotion, kept warm so `undo` is instant.
    case previous

    /// `stable`, `canary`, `baseline`, `previous`.
    public var description: String { rawValue }

    /// In declaration order.
    public static func < (lhs: ReplicaRole, rhs: ReplicaRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
