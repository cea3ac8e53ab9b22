import Delivery
import Foundation
import Testing

/// The `kubectl` calls and manifests of a `kubernetes` target, checked without a cluster.
@Suite("kubernetes plan")
struct KubernetesPlanTests {
    static let template = """
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": {
            "name": "web", "namespace": "shop", "uid": "5c1e", "resourceVersion": "8812", "generation": 7,
            "creationTimestamp": "2026-01-02T03:04:05Z", "labels": {"app": "web", "tier": "front"},
            "annotations": {"deployment.kubernetes.io/revision": "7", "team": "payments"},
            "managedFields": [{"manager": "kubectl"}]
          },
          "spec": {
            "replicas": 0,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
              "metadata": {"labels": {"app": "web"}},
              "spec": {"containers": [
                {"name": "app", "image": "registry.example.com/web:old", "ports": [{"containerPort": 8080}],
                 "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}}},
                {"name": "log-shipper", "image": "fluent-bit:3"}
              ]}
            }
          },
          "status": {"replicas": 0, "observedGeneration": 7}
        }
        """

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func plan(
        container: String? = "app", traffic: KubernetesTargetConfig.Traffic = .service(name: "web"), context: String? = nil
    ) -> KubernetesPlan {
        KubernetesPlan(
            service: "web",
            config: KubernetesTargetConfig(
                context: context, namespace: "shop", deployment: "web", container: container,
                image: "registry.example.com/web:${VERSION}", traffic: traffic, replicas: 3))
    }

    @Test("a version's copy keeps the template's pod spec, changes only the named container's image, and is labelled")
    func deploymentCopy() throws {
        let group = ReplicaGroup(id: "canary-4", version: "2.1.0", role: .canary)
        let track = KubernetesPlan.track(version: group.version, role: group.role)
        #expect(track == "2-1-0")
        let copy = try Self.plan().deployment(
            from: try Self.object(Self.template), group: group, track: track, replicas: 2)
        let metadata = try #require(copy["metadata"] as? [String: Any])
        #expect(metadata["name"] as? String == "web-2-1-0")
        #expect(metadata["namespace"] as? String == "shop")
        for gone in ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"] {
            #expect(metadata[gone] == nil, "\(gone) is set by the server and must not be copied")
        }
        #expect(copy["status"] == nil)
        let labels = try #require(metadata["labels"] as? [String: String])
        #expect(labels == [
            "app": "web", "tier": "front", "gantry.dev/service": "web", "gantry.dev/track": "2-1-0",
            "gantry.dev/group": "canary-4", "app.kubernetes.io/managed-by": "gantry",
        ])
        let annotations = try #require(metadata["annotations"] as? [String: String])
        #expect(annotations == ["team": "payments", "gantry.dev/version": "2.1.0"])

        let spec = try #require(copy["spec"] as? [String: Any])
        #expect(spec["replicas"] as? Int == 2)
        let selector = try #require((spec["selector"] as? [String: Any])?["matchLabels"] as? [String: String])
        #expect(selector == ["app": "web", "gantry.dev/service": "web", "gantry.dev/track": "2-1-0"])
        let pod = try #require(spec["template"] as? [String: Any])
        let podLabels = try #require((pod["metadata"] as? [String: Any])?["labels"] as? [String: String])
        #expect(podLabels == selector, "the pods carry what the selector selects, and not the group")
        let containers = try #require((pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]])
        #expect(containers[0]["image"] as? String == "registry.example.com/web:2.1.0")
        #expect(containers[0]["readinessProbe"] != nil)
        #expect(containers[1]["image"] as? String == "fluent-bit:3")
    }

    @Test("a template with several containers needs \"container\", and a wrong name is reported with the real ones")
    func containerChoice() throws {
        let template = try Self.object(Self.template)
        let group = ReplicaGroup(id: "stable-1", version: "1", role: .stable)
        #expect(throws: KubernetesPlanError.self) {
            try Self.plan(container: nil).deployment(from: template, group: group, track: "1", replicas: 1)
        }
        do {
            _ = try Self.plan(container: "api").deployment(from: template, group: group, track: "1", replicas: 1)
            Issue.record("expected an error")
        } catch let error as KubernetesPlanError {
            #expect(error.message == "deployment web has no container \"api\"; it has app, log-shipper")
        }
    }

    @Test("tracks are name-safe, and baseline replicas never share the stable version's copy")
    func tracks() {
        #expect(KubernetesPlan.track(version: "v2", role: .canary) == "v2")
        #expect(KubernetesPlan.track(version: "1.4.2", role: .stable) == "1-4-2", "a DNS-1123 label: Istio subsets")
        #expect(KubernetesPlan.track(version: "Feature/Login_2", role: .canary) == "feature-login-2")
        #expect(KubernetesPlan.track(version: "-x-", role: .canary) == "x")
        #expect(KubernetesPlan.track(version: "1.4.2", role: .baseline) == "1-4-2-baseline")
        #expect(KubernetesPlan.track(version: "___", role: .canary) == "version")
    }

    @Test("every call names the context and namespace; deletes go by group so a later holder is never removed")
    func commands() throws {
        let plan = Self.plan(context: "prod-eu")
        #expect(plan.getTemplate().arguments == [
            "--context", "prod-eu", "--namespace", "shop", "get", "deployment", "web", "--output", "json",
        ])
        #expect(plan.scale(track: "v2", replicas: 5).description
            == "kubectl --context prod-eu --namespace shop scale deployment web-v2 --replicas 5")
        #expect(plan.delete(group: ReplicaGroup(id: "canary-3", version: "v2", role: .canary)).arguments.suffix(5) == [
            "deployment", "--selector", "gantry.dev/service=web,gantry.dev/group=canary-3", "--ignore-not-found",
            "--wait=false",
        ])
        let patch = try plan.selectTrack("v2", service: "web")
        #expect(patch.arguments.suffix(7) == [
            "patch", "service", "web", "--type", "merge", "--patch", #"{"spec":{"selector":{"gantry.dev/track":"v2"}}}"#,
        ])
        let apply = try plan.apply(["kind": "Deployment", "metadata": ["name": "web-v2"]])
        #expect(apply.arguments.suffix(3) == ["apply", "--filename", "-"])
        #expect(apply.input == #"{"kind":"Deployment","metadata":{"name":"web-v2"}}"#)
        #expect(Self.plan().getTemplate().arguments.prefix(2) == ["--namespace", "shop"])
    }

    @Test("an Istio route gets one weighted destination per track, in whole percents summing to 100")
    func virtualService() throws {
        let plan = Self.plan(traffic: .istio(virtualService: "web", route: "primary"))
        let virtualService = try Self.object("""
            {"apiVersion": "networking.istio.io/v1beta1", "kind": "VirtualService",
             "metadata": {"name": "web", "resourceVersion": "41", "managedFields": []},
             "spec": {"hosts": ["web.example.com"], "http": [
               {"name": "admin", "route": [{"destination": {"host": "admin"}}]},
               {"name": "primary", "retries": {"attempts": 2},
                "route": [{"destination": {"host": "web.shop.svc.cluster.local", "port": {"number": 80}}}]}]},
             "status": {}}
            """)
        #expect(plan.virtualServiceHost(virtualService) == "web.shop.svc.cluster.local")
        let rewritten = try plan.virtualService(
            virtualService, shares: [("v1", 900), ("v2", 50), ("v1-baseline", 50)])
        #expect((rewritten["metadata"] as? [String: Any])?["resourceVersion"] as? String == "41")
        #expect(rewritten["status"] == nil)
        let http = try #require((rewritten["spec"] as? [String: Any])?["http"] as? [[String: Any]])
        #expect((http[0]["route"] as? [[String: Any]])?.count == 1, "other routes are left alone")
        #expect(http[1]["retries"] != nil)
        let route = try #require(http[1]["route"] as? [[String: Any]])
        let destinations = route.map { ($0["destination"] as? [String: Any])?["subset"] as? String ?? "" }
        #expect(destinations == ["v1", "v2", "v1-baseline"])
        #expect(route.map { $0["weight"] as? Int ?? -1 } == [90, 5, 5])
        #expect((route[0]["destination"] as? [String: Any])?["port"] != nil)

        let rule = plan.destinationRule(host: "web.shop.svc.cluster.local", tracks: ["v2", "v1"])
        let subsets = try #require((rule["spec"] as? [String: Any])?["subsets"] as? [[String: Any]])
        #expect(subsets.map { $0["name"] as? String ?? "" } == ["v1", "v2"])
        #expect((rule["metadata"] as? [String: Any])?["name"] as? String == "web-gantry")

        #expect(throws: KubernetesPlanError.self) {
            try Self.plan(traffic: .istio(virtualService: "web", route: "missing")).virtualService(
                virtualService, shares: [("v1", 1000)])
        }
    }

    @Test("permille become whole percents by largest remainder")
    func percents() {
        #expect(KubernetesPlan.percents([1000]) == [100])
        #expect(KubernetesPlan.percents([995, 5]) == [99, 1])
        #expect(KubernetesPlan.percents([333, 333, 334]) == [33, 33, 34])
        #expect(KubernetesPlan.percents([0, 1000]) == [0, 100])
        #expect(KubernetesPlan.percents([0, 0]) == [0, 0])
    }

    @Test("a copy is ready when the latest generation is observed and every wanted replica is updated and available")
    func readiness() throws {
        let rolling = try Self.object("""
            {"metadata": {"generation": 3}, "spec": {"replicas": 3},
             "status": {"observedGeneration": 3, "updatedReplicas": 3, "availableReplicas": 2, "readyReplicas": 3,
                        "conditions": [{"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                                        "message": "ReplicaSet web-v2-7f9 has timed out progressing."}]}}
            """)
        let readiness = KubernetesPlan.readiness(ofDeployment: rolling)
        #expect(readiness.replicas == 3 && readiness.ready == 2 && !readiness.isReady)
        #expect(readiness.messages == ["Progressing: ProgressDeadlineExceeded: ReplicaSet web-v2-7f9 has timed out progressing."])
        let stale = try Self.object("""
            {"metadata": {"generation": 4}, "spec": {"replicas": 1},
             "status": {"observedGeneration": 3, "updatedReplicas": 1, "availableReplicas": 1}}
            """)
        #expect(KubernetesPlan.readiness(ofDeployment: stale).ready == 0, "status of an older generation counts for nothing")
        let done = try Self.object("""
            {"metadata": {"generation": 4}, "spec": {"replicas": 2},
             "status": {"observedGeneration": 4, "updatedReplicas": 2, "availableReplicas": 2}}
            """)
        #expect(KubernetesPlan.readiness(ofDeployment: done).isReady)
    }
}
