/// Options of a builtin query: which version, over how long a window.
public struct BuiltinOptions: Sendable, Hashable {
    /// The window used when none is given.
    public static let defaultWindow: Duration = .seconds(10)

    /// The version whose traffic is measured, as the proxy labels it (`canary`, `stable`, a revision).
    public var version: String
    /// How far back the window reaches; rounded up to whole seconds (the proxy's resolution), at least 1 s.
    public var window: Duration

    /// Options measuring `version` over `window`.
    public init(version: String, window: Duration = BuiltinOptions.defaultWindow) {
        self.version = version
        self.window = window
    }

    /// The window in whole seconds, as the proxy keeps it.
    public var windowSeconds: Int {
        let (seconds, attoseconds) = window.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
