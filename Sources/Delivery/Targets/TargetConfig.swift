/// Where a service runs: one of the target kinds, as the spec's `target:` names it.
public enum TargetConfig: Sendable, Hashable, Codable {
    /// Replicas run by Gantry on this machine.
    case local(LocalTargetConfig)
    /// User hooks.
    case script(ScriptTargetConfig)
    /// `kubectl` against a cluster.
    case kubernetes(KubernetesTargetConfig)

    /// The YAML keys of the kinds, in documentation order.
    public static let kinds = ["local", "script", "kubernetes"]

    /// The kind's YAML key.
    public var kind: String {
        switch self {
        case .local: "local"
        case .script: "script"
        case .kubernetes: "kubernetes"
        }
    }

    /// How many replicas serve the service at 100%.
    public var replicas: Int {
        switch self {
        case .local(let config): config.replicas
        case .script(let config): config.replicas
        case .kubernetes(let config): config.replicas
        }
    }

    /// Whether the target splits traffic itself (script, kubernetes) rather than through Gantry's proxy (local).
    public var routesTraffic: Bool {
        if case .local = self { return false }
        return true
    }

    /// Whether weights between 0% and 100% can be set (a Kubernetes Service selector cannot).
    public var supportsPartialWeights: Bool {
        if case .kubernetes(let config) = self { return config.traffic.supportsPartialWeights }
        return true
    }
}
