/// A version of the service (for example `stable` or `canary`) and the addresses of its ready replicas.
///
/// The group's name is the `version` label in metrics and the value of the sticky cookie.
public struct BackendGroup: Sendable, Hashable {
    /// The version's name: letters, digits, `-`, `_` and `.`; unique within a configuration.
    public var name: String
    /// The ready replicas, balanced round-robin. Empty means the version cannot serve now.
    public var addresses: [Endpoint]

    /// Creates a group from its name and its ready replicas.
    public init(name: String, addresses: [Endpoint]) {
        self.name = name
        self.addresses = addresses
    }
}
