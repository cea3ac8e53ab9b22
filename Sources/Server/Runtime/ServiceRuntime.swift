import Delivery
import Foundation
import MetricProviders
import Persistence
import Proxy

/// One service under `gantry serve`: its proxy, its target and its rollout controller.
final class ServiceRuntime: Sendable {
    let spec: RolloutSpec
    let proxy: TrafficProxy
    let traffic: ProxyTraffic
    let target: any Target
    let controller: RolloutController
    let stopTarget: @Sendable () async -> Void
    let logDirectory: String

    /// Builds the parts of a service from its spec; nothing is started yet.
    init(spec: RolloutSpec, listen: Endpoint, admin: Endpoint?, root: String, store: any DeliveryStore) throws {
        self.spec = spec
        logDirectory = root + "/.gantry/services-logs"
        proxy = try TrafficProxy(configuration: ProxyConfiguration(
            listen: listen, backends: ProxyTraffic.groups(), weights: [ReplicaRole.stable.rawValue: 1000], admin: admin))
        let traffic = ProxyTraffic(proxy: proxy)
        self.traffic = traffic
        switch spec.target {
        case .local(let config):
            let local = LocalTarget(
                service: spec.service, config: config, root: root, logDirectory: root + "/.gantry/services-logs/" + spec.service)
            target = local
            stopTarget = { await local.stopAll() }
        default:
            throw ControllerError(
                "service \(spec.service): only the local target runs under gantry serve on this machine; "
                    + "script and kubernetes targets are driven by their own hooks and tools")
        }
        controller = RolloutController(
            spec: spec, target: target, router: traffic, traffic: traffic, store: store,
            metrics: MetricProviderConfiguration(proxyMetrics: traffic),
            publish: { role, endpoints in try? traffic.publish(role, endpoints) })
    }

    /// Ends replicas a crashed predecessor left behind, starts the proxy and restores the last promoted version.
    func start() async throws {
        OrphanReplicas.endAll(in: logDirectory + "/" + spec.service)
        _ = try await proxy.start()
        try await controller.reconcile()
    }

    /// Stops replicas and the proxy (graceful: in-flight requests finish).
    func stop() async {
        await stopTarget()
        await proxy.shutdown()
    }
}
