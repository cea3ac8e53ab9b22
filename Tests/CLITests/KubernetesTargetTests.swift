import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `kubernetes` target under a real `gantry serve`. There is no cluster on the test machines, so `kubectl` is
/// Fixtures/fake-kubectl.py, which keeps objects as JSON files the way an API server would and logs every call:
/// these tests check the manifests Gantry sends and the order of its calls, not a real cluster's behaviour.
@Suite("kubernetes target, against a recorded stand-in for kubectl", .serialized)
struct KubernetesTargetTests {
    @Test("blue-green with a Service selector: one Deployment per version, the selector switches after it is ready")
    func blueGreenWithServiceSelector() async throws {
        let cluster = try FakeCluster(traffic: "{service: web}", strategy: """
              blueGreen:
                autoPromote: true
                scaleDownDelay: 1h
            """)
        defer { cluster.stop() }
        try cluster.startServe()
        for version in ["1.0.0", "1.1.0"] {
            #expect(try cluster.deploy(version).status == 0)
            try await cluster.waitFor { try cluster.phase(of: version) == "succeeded" }
            // The phase is the machine's; the selector patch that carries it out may still be on its way.
            let track = version.replacingOccurrences(of: ".", with: "-")
            try await cluster.waitFor(timeout: 5) { try cluster.selectedTrack() == track }
        }
        let service = try cluster.object("Service", "web")
        #expect((service["spec"] as? [String: Any])?["selector"] as? [String: String] == [
            "app": "web", "gantry.dev/track": "1-1-0",
        ])
        let copy = try cluster.object("Deployment", "web-1-1-0")
        let containers = ((((copy["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"]
            as? [String: Any])?["containers"] as? [[String: Any]]) ?? []
        #expect(containers.first?["image"] as? String == "registry.example.com/web:1.1.0")
        #expect((copy["spec"] as? [String: Any])?["replicas"] as? Int == 2)
        #expect(try cluster.exists("Deployment", "web-1-0-0"), "the previous version stays warm for scaleDownDelay")

        let calls = try cluster.calls()
        let apply = try #require(calls.lastIndex { $0.hasSuffix("apply --filename - < Deployment/web-1-1-0") })
        let switchToNew = try #require(calls.lastIndex { $0.contains("patch service web") })
        let readinessOfNew = try #require(calls.lastIndex { $0.contains("get deployment web-1-1-0") })
        #expect(apply < readinessOfNew && readinessOfNew < switchToNew, "\(calls.joined(separator: "\n"))")
        #expect(calls.allSatisfy { $0.hasPrefix("--context prod-eu --namespace shop ") }, "\(calls)")
        let manifests = try FileManager.default.contentsOfDirectory(
            atPath: cluster.sandbox.root.appendingPathComponent(".gantry/services-logs/web/manifests").path)
        #expect(manifests.contains { $0.hasSuffix("-apply-deployment-web-1-1-0.json") }, "\(manifests)")

        // Undo while the old version is warm is one selector patch.
        let undo = try cluster.gantry(["deploy", "undo", "web", "--server", cluster.server, "--by", "alice"])
        #expect(undo.status == 0, "\(undo.stderr)")
        try await cluster.waitFor(timeout: 10) { try cluster.selectedTrack() == "1-0-0" }
    }

    @Test("an Istio canary weighs each version's subset; after a kill -9 of serve the stable version gets everything back and the canary's Deployment is deleted")
    func istioCanaryAndRestart() async throws {
        let cluster = try FakeCluster(traffic: "{istio: {virtualService: web, route: primary}}", strategy: """
              canary:
                steps:
                  - setWeight: 20
                  - pause: {}
                  - setWeight: 100
            """)
        defer { cluster.stop() }
        try cluster.startServe()
        #expect(try cluster.deploy("1.0.0").status == 0)
        try await cluster.waitFor { try cluster.phase(of: "1.0.0") == "succeeded" }
        #expect(try cluster.deploy("2.0.0").status == 0)
        try await cluster.waitFor { try cluster.routeWeights()["2-0-0"] == 20 }
        #expect(try cluster.routeWeights() == ["1-0-0": 60, "2-0-0": 20, "1-0-0-baseline": 20])
        let rule = try cluster.object("DestinationRule", "web-gantry")
        let subsets = ((rule["spec"] as? [String: Any])?["subsets"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(Set(subsets).isSuperset(of: ["1-0-0", "2-0-0", "1-0-0-baseline"]), "\(subsets)")
        #expect(try cluster.exists("Deployment", "web-2-0-0"))

        cluster.killServe()
        try cluster.startServe()
        try await cluster.waitFor(timeout: 10) {
            try cluster.routeWeights() == ["1-0-0": 100] && !(try cluster.exists("Deployment", "web-2-0-0"))
        }
        #expect(try cluster.exists("Deployment", "web-1-0-0"))
        let history = try cluster.gantry(["deploy", "history", "web", "--server", cluster.server])
        #expect(history.stdout.contains("aborted by restart"), "\(history.stdout)")
    }
}

extension KubernetesTargetTests {
    @Test("the previous version's Deployment is deleted once scaleDownDelay has passed after a promotion")
    func previousScaledDown() async throws {
        let cluster = try FakeCluster(traffic: "{service: web}", strategy: """
              blueGreen:
                autoPromote: true
                scaleDownDelay: 2s
            """)
        defer { cluster.stop() }
        try cluster.startServe()
        for version in ["1.0.0", "1.1.0"] {
            #expect(try cluster.deploy(version).status == 0)
            try await cluster.waitFor { try cluster.phase(of: version) == "succeeded" }
        }
        #expect(try cluster.exists("Deployment", "web-1-0-0"), "kept warm at first")
        try await cluster.waitFor(timeout: 15) { !(try cluster.exists("Deployment", "web-1-0-0")) }
        #expect(try cluster.exists("Deployment", "web-1-1-0"))
        #expect(try cluster.selectedTrack() == "1-1-0")
    }

    @Test("a traffic change the cluster refuses fails the rollout: traffic stays on stable, the reason is recorded")
    func refusedTrafficChange() async throws {
        let cluster = try FakeCluster(traffic: "{istio: {virtualService: web, route: primary}}", strategy: """
              canary:
                baseline: false
                steps:
                  - setWeight: 50
                  - setWeight: 100
            """)
        defer { cluster.stop() }
        // The cluster refuses any VirtualService that sends traffic to 2.0.0.
        try cluster.startServe(environment: ["FAKE_REFUSE": #""subset":"2-0-0""#])
        #expect(try cluster.deploy("1.0.0").status == 0)
        try await cluster.waitFor { try cluster.phase(of: "1.0.0") == "succeeded" }
        #expect(try cluster.deploy("2.0.0").status == 0)
        try await cluster.waitFor { try cluster.phase(of: "2.0.0") == "failed" }
        try await cluster.waitFor(timeout: 10) { try cluster.routeWeights() == ["1-0-0": 100] }
        let status = try cluster.gantry(["deploy", "status", "web", "--server", cluster.server]).stdout
        #expect(status.contains("traffic could not be routed as stable=50.0% canary=50.0%"), "\(status)")
        let history = try cluster.gantry(["deploy", "history", "web", "--server", cluster.server]).stdout
        #expect(history.contains("denied the request"), "\(history)")
    }
}

/// A sandbox repository whose `kubectl` is the recorded stand-in, with a template Deployment, a Service and an
/// Istio VirtualService already "in the cluster", and a `gantry serve` for it.
final class FakeCluster: @unchecked Sendable {
    let sandbox: Sandbox
    let apiPort: Int
    var serve: ServeProcess?
    var server: String { "http://127.0.0.1:\(apiPort)" }
    var clusterPath: String { sandbox.root.appendingPathComponent("cluster").path }

    init(traffic: String, strategy: String) throws {
        apiPort = try DeliveryWorld.freePort()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fake-kubectl.py")
        sandbox = try Sandbox(files: [
            ".gantry/services/web.yml": """
            service: web
            environment: production
            target:
              kubernetes:
                kubectl: tools/kubectl
                context: prod-eu
                namespace: shop
                deployment: web
                container: app
                image: registry.example.com/web:${VERSION}
                traffic: \(traffic)
                replicas: 2
                readyTimeout: 20s
            strategy:
            \(strategy)
            """,
            "cluster/shop/Deployment/web.json": """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "shop", "resourceVersion": "7", "generation": 3,
                          "labels": {"app": "web"}},
             "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "web"}},
                      "template": {"metadata": {"labels": {"app": "web"}},
                                   "spec": {"containers": [{"name": "app", "image": "registry.example.com/web:0.9.0",
                                                            "ports": [{"containerPort": 8080}]}]}}}}
            """,
            "cluster/shop/Service/web.json": """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "resourceVersion": "3"},
             "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}}
            """,
            "cluster/shop/VirtualService/web.json": """
            {"apiVersion": "networking.istio.io/v1beta1", "kind": "VirtualService",
             "metadata": {"name": "web", "resourceVersion": "5"},
             "spec": {"hosts": ["shop.example.com"],
                      "http": [{"name": "primary",
                                "route": [{"destination": {"host": "web.shop.svc.cluster.local", "port": {"number": 80}}}]}]}}
            """,
        ])
        try sandbox.shell("mkdir -p tools && cp '\(fixture.path)' tools/kubectl && chmod +x tools/kubectl")
    }

    func startServe(environment: [String: String] = [:]) throws {
        serve = try ServeProcess(
            in: sandbox.root, port: apiPort,
            environment: ["FAKE_CLUSTER": clusterPath, "FAKE_CONTEXT": "prod-eu"].merging(environment) { $1 },
            log: sandbox.root.appendingPathComponent("serve.log"))
    }

    func killServe() {
        serve?.crash()
        serve = nil
    }

    func stop() {
        serve?.stop()
        sandbox.remove()
    }

    func gantry(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try sandbox.gantry(arguments)
    }

    func deploy(_ version: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try gantry(["deploy", "apply", ".gantry/services/web.yml", "--version", version, "--server", server, "--by", "alice"])
    }

    /// The phase of the current rollout, if it is the rollout of `version`.
    func phase(of version: String? = nil) throws -> String? {
        let answer = try gantry(["deploy", "status", "web", "--server", server, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) as? [String: Any]
        let rollout = object?["rollout"] as? [String: Any]
        guard version == nil || rollout?["version"] as? String == version else { return nil }
        return rollout?["phase"] as? String
    }

    func object(_ kind: String, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(clusterPath)/shop/\(kind)/\(name).json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func exists(_ kind: String, _ name: String) throws -> Bool {
        FileManager.default.fileExists(atPath: "\(clusterPath)/shop/\(kind)/\(name).json")
    }

    /// The track the Service's selector picks.
    func selectedTrack() throws -> String? {
        ((try object("Service", "web")["spec"] as? [String: Any])?["selector"] as? [String: String])?["gantry.dev/track"]
    }

    /// The weight of each subset in the VirtualService's `primary` route.
    func routeWeights() throws -> [String: Int] {
        let http = (try object("VirtualService", "web")["spec"] as? [String: Any])?["http"] as? [[String: Any]] ?? []
        var weights: [String: Int] = [:]
        for destination in http.first?["route"] as? [[String: Any]] ?? [] {
            let subset = (destination["destination"] as? [String: Any])?["subset"] as? String ?? "(none)"
            weights[subset] = destination["weight"] as? Int
        }
        return weights
    }

    /// Every kubectl call so far, one line each.
    func calls() throws -> [String] {
        try String(contentsOfFile: clusterPath + "/calls.log", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func waitFor(timeout: Double = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let calls = (try? calls())?.suffix(15).joined(separator: "\n") ?? "(none)"
        let serveLog = (try? sandbox.read("serve.log"))?.suffix(2000) ?? ""
        throw SandboxError(
            message: "condition not met within \(timeout)s; phase \(String(describing: try? phase()))\ncalls:\n\(calls)\n"
                + "serve:\n\(serveLog)")
    }
}
