import Delivery
import Foundation
import MetricProviders
import Persistence
import Proxy

/// One service under `gantry serve`: its target, its rollout controller and, for a local target, the proxy that
/// splits its traffic. Script and kubernetes targets route traffic themselves (a `setWeight` hook; a Service
/// selector or an Istio VirtualService), and their replicas outlive `gantry serve`.
final class ServiceRuntime: Sendable {
    let spec: RolloutSpec
    let proxy: TrafficProxy?
    let preview: TrafficProxy?
    let controller: RolloutController
    let stopTarget: @Sendable () async -> Void
    let logDirectory: String

    /// Builds the parts of a service from its spec; nothing is started yet.
    init(
        spec: RolloutSpec, listen: Endpoint?, admin: Endpoint?, preview previewAddress: Endpoint?, root: String,
        store: any DeliveryStore
    ) throws {
        self.spec = spec
        logDirectory = root + "/.gantry/services-logs/" + spec.service
        switch spec.target {
        case .local(let config):
            guard let listen else {
                throw ControllerError("service \(spec.service) has no \"listen\" address for its proxy, e.g. listen: 127.0.0.1:18080")
            }
            let routes = spec.routing.rules.map { rule in
                switch rule.match {
                case .header(let name): Route(.header(name: name, value: rule.value), to: rule.role.rawValue)
                case .cookie(let name): Route(.cookie(name: name, value: rule.value), to: rule.role.rawValue)
                }
            }
            let proxy = try TrafficProxy(configuration: ProxyConfiguration(
                listen: listen, backends: ProxyTraffic.groups(), weights: [ReplicaRole.stable.rawValue: 1000],
                routes: routes, stickyCookie: spec.routing.stickyCookie, admin: admin))
            let preview = try previewAddress.map(ProxyTraffic.previewProxy)
            let traffic = ProxyTraffic(proxy: proxy, preview: preview)
            self.preview = preview
            let local = LocalTarget(service: spec.service, config: config, root: root, logDirectory: logDirectory)
            self.proxy = proxy
            stopTarget = { await local.stopAll() }
            controller = RolloutController(
                spec: spec, target: local, router: traffic, traffic: traffic, store: store,
                metrics: MetricProviderConfiguration(proxyMetrics: traffic),
                publish: { role, endpoints in try? traffic.publish(role, endpoints) })
        case .script(let config):
            let script = ScriptTarget(service: spec.service, config: config, root: root)
            proxy = nil
            preview = nil
            stopTarget = {}
            controller = RolloutController(
                spec: spec, target: script, router: script, traffic: NoTraffic(), store: store,
                metrics: MetricProviderConfiguration(), publish: { _, _ in })
        case .kubernetes(let config):
            let cluster = KubernetesTarget(service: spec.service, config: config, root: root, logDirectory: logDirectory)
            proxy = nil
            preview = nil
            stopTarget = {}
            controller = RolloutController(
                spec: spec, target: cluster, router: cluster, traffic: NoTraffic(), store: store,
                metrics: MetricProviderConfiguration(), publish: { _, _ in })
        }
    }

    /// Ends replicas a crashed predecessor left behind, starts the proxy and restores the last promoted version.
    func start() async throws {
        OrphanReplicas.endAll(in: logDirectory)
        if let proxy { _ = try await proxy.start() }
        if let preview { _ = try await preview.start() }
        try await controller.reconcile()
    }

    /// Stops replicas and the proxy (graceful: in-flight requests finish).
    func stop() async {
        await controller.shutdown()
        await stopTarget()
        await proxy?.shutdown()
        await preview?.shutdown()
    }
}

/// A target that routes its own traffic gives Gantry no per-request figures; builtin analysis then has no data
/// (which never fails a rollout) and other providers (Prometheus, web, command) are the way to analyse it.
struct NoTraffic: TrafficSource {
    func stats(role: ReplicaRole, seconds: Int) async -> RequestStats? { nil }
}
