import Delivery
import Foundation

/// The `kubernetes` target: Gantry drives `kubectl` as `KubernetesPlan` describes, one Deployment per version
/// copied from the spec's template, and routes traffic with a Service selector or an Istio VirtualService.
///
/// Gantry's proxy is not in the path, so builtin analysis has no figures for such a service; its analysis uses
/// Prometheus, web or command providers.
public actor KubernetesTarget: Target, TrafficRouter, OrphanCollecting {
    let plan: KubernetesPlan
    let kubectl: Kubectl
    /// The group holding each track's Deployment now.
    private var holders: [String: ReplicaGroup] = [:]
    /// The track of each group that has one.
    private var tracks: [String: String] = [:]

    /// A target for `service`; the manifests it sends are kept under `logDirectory/manifests`.
    public init(service: String, config: KubernetesTargetConfig, root: String, logDirectory: String) {
        plan = KubernetesPlan(service: service, config: config)
        kubectl = Kubectl(program: config.kubectl, root: root, manifestDirectory: logDirectory + "/manifests")
    }

    public func deploy(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint] {
        let template = try await kubectl.object(plan.getTemplate())
        let manifest = try plan.deployment(from: template, group: group, track: track(of: group), replicas: replicas)
        _ = try await kubectl.run(plan.apply(manifest))
        return []
    }

    public func scale(_ group: ReplicaGroup, replicas: Int) async throws -> [ReplicaEndpoint] {
        _ = try await kubectl.run(plan.scale(track: track(of: group), replicas: replicas))
        return []
    }

    public func stop(_ group: ReplicaGroup) async throws {
        _ = try await kubectl.run(plan.delete(group: group))
        if let track = tracks.removeValue(forKey: group.id), holders[track]?.id == group.id {
            holders.removeValue(forKey: track)
        }
    }

    public func readiness(_ group: ReplicaGroup) async throws -> Readiness {
        KubernetesPlan.readiness(ofDeployment: try await kubectl.object(plan.getDeployment(track: track(of: group))))
    }

    public func setWeights(_ routes: [TrafficRoute]) async throws {
        let routes = routes.sorted { $0.role < $1.role }
        switch plan.config.traffic {
        case .service(let name):
            let served = routes.filter { $0.permille > 0 }
            guard served.count <= 1, served.allSatisfy({ $0.permille == 1000 }) else {
                let split = routes.map { "\($0.role) \(Double($0.permille) / 10)%" }.joined(separator: ", ")
                throw TargetError(
                    message: "service \(name) selects one version at a time and cannot split traffic (\(split)); "
                        + "use istio traffic for weighted steps")
            }
            let track = served.first.map { self.track(of: $0.group) } ?? KubernetesPlan.noTrack
            _ = try await kubectl.run(plan.selectTrack(track, service: name))
        case .istio(let name, _):
            guard routes.contains(where: { $0.permille > 0 }) else { return }
            let virtualService = try await kubectl.object(plan.getVirtualService(name))
            guard let host = plan.virtualServiceHost(virtualService) else {
                throw TargetError(message: "virtualservice \(name) has no http route with a destination host")
            }
            let shares = routes.map { (track: track(of: $0.group), permille: $0.permille) }
            // Subsets first, so the route never names one the DestinationRule does not define yet.
            let known = Set(holders.keys).union(shares.map(\.track))
            _ = try await kubectl.run(plan.apply(plan.destinationRule(host: host, tracks: Array(known))))
            _ = try await kubectl.run(plan.replace(plan.virtualService(virtualService, shares: shares)))
        }
    }

    public func removeGroups(except kept: [ReplicaGroup]) async throws {
        let keep = Set(kept.map { plan.deploymentName(track: track(of: $0)) })
        for name in KubernetesPlan.names(inList: try await kubectl.object(plan.listCopies())) where !keep.contains(name)
        {
            _ = try await kubectl.run(plan.delete(deployment: name))
        }
    }

    /// The group's track: its version's, unless another live group holds that Deployment (a retry while the
    /// aborted attempt still drains), in which case the role, and then the group id, tell them apart.
    func track(of group: ReplicaGroup) -> String {
        if let track = tracks[group.id] { return track }
        let base = KubernetesPlan.track(version: group.version, role: group.role)
        let track =
            [base, "\(base)-\(group.role)", "\(base)-\(group.id)"].first { holders[$0] == nil } ?? "\(base)-\(group.id)"
        tracks[group.id] = track
        holders[track] = group
        return track
    }
}
