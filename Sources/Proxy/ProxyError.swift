/// Why the proxy refused a configuration or a change, or could not start.
public struct ProxyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for callers that react to some kinds only.
    public enum Code: String, Sendable, Hashable {
        /// A weight is out of range, names no group, or the weights do not add up to 1000.
        case invalidWeights = "invalid-weights"
        /// A group is unknown, duplicated or badly named, or a route names no group.
        case invalidBackends = "invalid-backends"
        /// A field of the configuration is out of range.
        case invalidConfiguration = "invalid-configuration"
        /// `start()` was called twice, or after `shutdown()`.
        case invalidState = "invalid-state"
        /// The listener or the admin listener could not be bound.
        case bindFailed = "bind-failed"
    }

    /// What kind of failure this is.
    public var code: Code
    /// A lower-case sentence naming what was found and what was expected.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `message [code]`.
    public var description: String { "\(message) [\(code.rawValue)]" }
}
