import Foundation

/// A quarantined test: it still runs and is still reported, but its failure does not fail a gate.
public struct QuarantineRecord: Sendable, Hashable, Codable {
    /// The identifier of the quarantined test, `classname::name` or `suite::name`.
    public var identifier: String
    /// Why it is quarantined, as the person or the policy that did it said.
    public var reason: String
    /// Who quarantined it: a user name, or `gantry` for the automatic mode.
    public var addedBy: String
    /// When it was quarantined.
    public var addedAt: Date
    /// Whether the automatic mode of the policy quarantined it, rather than a person.
    public var automatic: Bool

    /// Creates a quarantine entry.
    public init(identifier: String, reason: String, addedBy: String, addedAt: Date, automatic: Bool = false) {
        self.identifier = identifier
        self.reason = reason
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.automatic = automatic
    }
}
