/// A `kubernetes` target: Gantry drives `kubectl`, one Deployment per version, and routes with a Service
/// selector or Istio VirtualService weights.
public struct KubernetesTargetConfig: Sendable, Hashable, Codable {
    /// How traffic is split between versions.
    public enum Traffic: Sendable, Hashable, Codable {
        /// A Service whose selector is switched between versions; only 0% or 100% (blue-green, rolling).
        case service(name: String)
        /// An Istio VirtualService whose route weights are set per version; any weight.
        case istio(virtualService: String, route: String?)

        /// Whether weights between 0% and 100% are possible.
        public var supportsPartialWeights: Bool {
            if case .istio = self { return true }
            return false
        }
    }

    /// The `kubectl` context; nil means the current one.
    public var context: String?
    /// The namespace.
    public var namespace: String
    /// The Deployment to copy per version (its name gets `-<role>` appended).
    public var deployment: String
    /// The container whose image is updated.
    public var container: String?
    /// The image, with `${VERSION}`, such as `registry.example.com/web:${VERSION}`.
    public var image: String
    /// How traffic is split.
    public var traffic: Traffic
    /// How many replicas serve the service at 100%.
    public var replicas: Int
    /// How long a rollout of one Deployment may take to become available.
    public var readyTimeout: Duration
    /// The `kubectl` program: a name looked up in `PATH`, or a path.
    public var kubectl: String

    /// A Kubernetes target for `deployment` in `namespace`.
    public init(
        context: String? = nil, namespace: String = "default", deployment: String, container: String? = nil,
        image: String, traffic: Traffic, replicas: Int = 1, readyTimeout: Duration = .seconds(300),
        kubectl: String = "kubectl"
    ) {
        self.context = context
        self.namespace = namespace
        self.deployment = deployment
        self.container = container
        self.image = image
        self.traffic = traffic
        self.replicas = replicas
        self.readyTimeout = readyTimeout
        self.kubectl = kubectl
    }
}
