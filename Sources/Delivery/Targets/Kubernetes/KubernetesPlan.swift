import Foundation

/// What Gantry asks of `kubectl` for a `kubernetes` target, as data: every argument vector and manifest is built
/// here, without a cluster, so it can be read and tested; `KubernetesTarget` (in Server) runs them.
///
/// - **One Deployment per version.** Each replica group is a copy of the spec's `deployment` (the template, which
///   keeps the user's pod spec, probes and resources) named `<deployment>-<track>`, where the track is the
///   version made name-safe (`1.4.2`, `v2`; `-baseline` for baseline replicas). Only the image changes.
/// - **Labels.** Copies and their pods carry `gantry.dev/service` and `gantry.dev/track`; the Deployment alone
///   carries `gantry.dev/group` (the controller's group id), so giving a Deployment to a new group restarts no
///   pod, and a delayed stop deletes by group and never removes a Deployment another group has taken since.
/// - **Traffic.** A Service is switched by adding `gantry.dev/track` to its selector (all or nothing). An Istio
///   VirtualService gets one HTTP route rewritten with one weighted destination per track, whose subsets come from
///   a DestinationRule Gantry owns (`<virtualService>-gantry`).
public struct KubernetesPlan: Sendable {
    /// The service the target belongs to.
    public let service: String
    /// The target's settings.
    public let config: KubernetesTargetConfig

    /// The label naming the Gantry service.
    public static let serviceLabel = "gantry.dev/service"
    /// The label telling one version's copy from another's.
    public static let trackLabel = "gantry.dev/track"
    /// The label naming the controller's replica group (on the Deployment only).
    public static let groupLabel = "gantry.dev/group"
    /// The selector value that matches no pod: a Service with all weights at 0.
    public static let noTrack = "gantry-no-traffic"

    /// A plan for `service`'s target.
    public init(service: String, config: KubernetesTargetConfig) {
        self.service = service
        self.config = config
    }

    // MARK: Names

    /// The track of a group: its version, lower-cased, with anything outside `[a-z0-9-]` turned into `-`, at
    /// most 40 characters; baseline replicas get `-baseline` so they never share the stable version's copy.
    ///
    /// A track is a DNS-1123 label (Istio requires one for a subset name, Kubernetes for a label value and a
    /// name part), so `1.4.2` becomes `1-4-2`.
    public static func track(version: String, role: ReplicaRole) -> String {
        var name = String(version.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        name = String(name.prefix(40))
        while let first = name.first, !first.isLetter && !first.isNumber { name.removeFirst() }
        while let last = name.last, !last.isLetter && !last.isNumber { name.removeLast() }
        if name.isEmpty { name = "version" }
        return role == .baseline ? name + "-baseline" : name
    }

    /// The Deployment holding a track's replicas.
    public func deploymentName(track: String) -> String {
        "\(config.deployment)-\(track)"
    }

    // MARK: Commands

    /// The flags every call starts with: the context, if set, and the namespace.
    var scope: [String] {
        (config.context.map { ["--context", $0] } ?? []) + ["--namespace", config.namespace]
    }

    /// Reads the template Deployment.
    public func getTemplate() -> KubectlCommand {
        KubectlCommand(scope + ["get", "deployment", config.deployment, "--output", "json"])
    }

    /// Creates or updates a copy (the manifest goes to standard input).
    public func apply(_ manifest: [String: Any]) throws -> KubectlCommand {
        KubectlCommand(scope + ["apply", "--filename", "-"], input: try Self.json(manifest))
    }

    /// Replaces an object read earlier; fails if it changed meanwhile (its `resourceVersion` is kept).
    public func replace(_ manifest: [String: Any]) throws -> KubectlCommand {
        KubectlCommand(scope + ["replace", "--filename", "-"], input: try Self.json(manifest))
    }

    /// Changes a copy's replica count.
    public func scale(track: String, replicas: Int) -> KubectlCommand {
        KubectlCommand(scope + ["scale", "deployment", deploymentName(track: track), "--replicas", String(replicas)])
    }

    /// Reads a copy, for its readiness.
    public func getDeployment(track: String) -> KubectlCommand {
        KubectlCommand(scope + ["get", "deployment", deploymentName(track: track), "--output", "json"])
    }

    /// Deletes the copy held by `group`, and nothing if another group holds it now.
    public func delete(group: ReplicaGroup) -> KubectlCommand {
        KubectlCommand(
            scope + [
                "delete", "deployment", "--selector", "\(Self.serviceLabel)=\(service),\(Self.groupLabel)=\(group.id)",
                "--ignore-not-found", "--wait=false",
            ])
    }

    /// Deletes a copy by name (an orphan left by a crashed controller).
    public func delete(deployment name: String) -> KubectlCommand {
        KubectlCommand(scope + ["delete", "deployment", name, "--ignore-not-found", "--wait=false"])
    }

    /// Lists every copy of this service.
    public func listCopies() -> KubectlCommand {
        KubectlCommand(
            scope + ["get", "deployments", "--selector", "\(Self.serviceLabel)=\(service)", "--output", "json"])
    }

    /// Points the Service at one track's pods (or at none).
    public func selectTrack(_ track: String, service name: String) throws -> KubectlCommand {
        let patch: [String: Any] = ["spec": ["selector": [Self.trackLabel: track]]]
        return KubectlCommand(scope + ["patch", "service", name, "--type", "merge", "--patch", try Self.json(patch)])
    }

    /// Reads the VirtualService.
    public func getVirtualService(_ name: String) -> KubectlCommand {
        KubectlCommand(scope + ["get", "virtualservice", name, "--output", "json"])
    }

    // MARK: Manifests

    /// The copy of `template` for `group`: renamed, labelled, with `replicas` and the version's image; the
    /// template's server-set fields (status, uid, resourceVersion, managedFields…) are dropped.
    public func deployment(from template: [String: Any], group: ReplicaGroup, track: String, replicas: Int)
        throws -> [String: Any]
    {
        guard var spec = template["spec"] as? [String: Any],
            var podTemplate = spec["template"] as? [String: Any],
            var podSpec = podTemplate["spec"] as? [String: Any],
            var containers = podSpec["containers"] as? [[String: Any]], !containers.isEmpty
        else {
            throw KubernetesPlanError("deployment \(config.deployment) has no spec.template.spec.containers")
        }
        let index = try containerIndex(containers)
        containers[index]["image"] = config.image.replacingOccurrences(of: "${VERSION}", with: group.version)
        podSpec["containers"] = containers
        podTemplate["spec"] = podSpec

        let copyLabels = [Self.serviceLabel: service, Self.trackLabel: track]
        var podMetadata = podTemplate["metadata"] as? [String: Any] ?? [:]
        podMetadata["labels"] = (podMetadata["labels"] as? [String: Any] ?? [:]).merging(copyLabels) { $1 }
        podTemplate["metadata"] = podMetadata
        spec["template"] = podTemplate
        var selector = spec["selector"] as? [String: Any] ?? [:]
        selector["matchLabels"] = (selector["matchLabels"] as? [String: Any] ?? [:]).merging(copyLabels) { $1 }
        spec["selector"] = selector
        spec["replicas"] = replicas

        let old = template["metadata"] as? [String: Any] ?? [:]
        var metadata: [String: Any] = ["name": deploymentName(track: track), "namespace": config.namespace]
        var labels = old["labels"] as? [String: Any] ?? [:]
        labels.merge(copyLabels) { $1 }
        labels[Self.groupLabel] = group.id
        labels["app.kubernetes.io/managed-by"] = "gantry"
        metadata["labels"] = labels
        var annotations = (old["annotations"] as? [String: Any] ?? [:]).filter {
            !["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration"].contains($0.key)
        }
        annotations["gantry.dev/version"] = group.version
        metadata["annotations"] = annotations
        return [
            "apiVersion": template["apiVersion"] as? String ?? "apps/v1", "kind": "Deployment",
            "metadata": metadata, "spec": spec,
        ]
    }

    /// The container whose image changes: the one named in the spec, or the only one.
    func containerIndex(_ containers: [[String: Any]]) throws -> Int {
        let names = containers.map { $0["name"] as? String ?? "" }
        if let wanted = config.container {
            guard let index = names.firstIndex(of: wanted) else {
                throw KubernetesPlanError(
                    "deployment \(config.deployment) has no container \"\(wanted)\"; it has \(names.joined(separator: ", "))"
                )
            }
            return index
        }
        guard containers.count == 1 else {
            throw KubernetesPlanError(
                "deployment \(config.deployment) has \(containers.count) containers (\(names.joined(separator: ", "))); "
                    + "set \"container\" to the one whose image changes")
        }
        return 0
    }

    /// The Istio route rewritten so each track gets its share (whole percents, as Istio requires, rounded so they
    /// sum to 100); the route is the one named in the spec, or the first. Host and port are kept.
    public func virtualService(_ object: [String: Any], shares: [(track: String, permille: Int)]) throws -> [String:
        Any]
    {
        guard case .istio(let name, let routeName) = config.traffic else {
            throw KubernetesPlanError("the target does not route with Istio")
        }
        guard var spec = object["spec"] as? [String: Any], var http = spec["http"] as? [[String: Any]], !http.isEmpty
        else {
            throw KubernetesPlanError("virtualservice \(name) has no spec.http routes")
        }
        let index: Int
        if let routeName {
            guard let found = http.firstIndex(where: { $0["name"] as? String == routeName }) else {
                throw KubernetesPlanError("virtualservice \(name) has no http route named \"\(routeName)\"")
            }
            index = found
        } else {
            index = 0
        }
        let existing = (http[index]["route"] as? [[String: Any]])?.first?["destination"] as? [String: Any]
        guard let host = existing?["host"] as? String else {
            throw KubernetesPlanError("the http route of virtualservice \(name) has no destination host to keep")
        }
        let percents = Self.percents(shares.map(\.permille))
        http[index]["route"] = zip(shares, percents).filter { $0.1 > 0 }.map { share, percent -> [String: Any] in
            var destination: [String: Any] = ["host": host, "subset": share.track]
            if let port = existing?["port"] { destination["port"] = port }
            return ["destination": destination, "weight": percent]
        }
        spec["http"] = http
        var result = object
        result["spec"] = spec
        result.removeValue(forKey: "status")
        if var metadata = result["metadata"] as? [String: Any] {
            metadata.removeValue(forKey: "managedFields")
            result["metadata"] = metadata
        }
        return result
    }

    /// The DestinationRule naming one subset per track, for the VirtualService's host.
    public func destinationRule(host: String, tracks: [String]) -> [String: Any] {
        guard case .istio(let name, _) = config.traffic else { return [:] }
        return [
            "apiVersion": "networking.istio.io/v1beta1", "kind": "DestinationRule",
            "metadata": [
                "name": "\(name)-gantry", "namespace": config.namespace,
                "labels": [Self.serviceLabel: service, "app.kubernetes.io/managed-by": "gantry"],
            ],
            "spec": [
                "host": host,
                "subsets": tracks.sorted().map { ["name": $0, "labels": [Self.trackLabel: $0]] },
            ],
        ]
    }

    /// The destination host of the route Gantry rewrites.
    public func virtualServiceHost(_ object: [String: Any]) -> String? {
        guard case .istio(_, let routeName) = config.traffic,
            let http = (object["spec"] as? [String: Any])?["http"] as? [[String: Any]]
        else { return nil }
        let route = routeName.flatMap { name in http.first { $0["name"] as? String == name } } ?? http.first
        return ((route?["route"] as? [[String: Any]])?.first?["destination"] as? [String: Any])?["host"] as? String
    }

    // MARK: Reading what kubectl prints

    /// A copy's readiness from `kubectl get deployment -o json`: ready replicas are those both updated to the
    /// current template and available, counted only once the controller has seen the latest generation.
    public static func readiness(ofDeployment object: [String: Any]) -> Readiness {
        let spec = object["spec"] as? [String: Any] ?? [:]
        let status = object["status"] as? [String: Any] ?? [:]
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let wanted = spec["replicas"] as? Int ?? 1
        let generation = metadata["generation"] as? Int ?? 0
        let observed = status["observedGeneration"] as? Int ?? 0
        let updated = status["updatedReplicas"] as? Int ?? 0
        let available = status["availableReplicas"] as? Int ?? 0
        let messages = (status["conditions"] as? [[String: Any]] ?? []).compactMap { condition -> String? in
            guard condition["status"] as? String == "False" else { return nil }
            let what = [condition["reason"], condition["message"]].compactMap { $0 as? String }.joined(separator: ": ")
            return "\(condition["type"] as? String ?? "condition"): \(what)"
        }
        let ready = observed >= generation ? min(updated, available, wanted) : 0
        return Readiness(replicas: wanted, ready: ready, messages: messages)
    }

    /// The names of the Deployments in `kubectl get deployments -o json`.
    public static func names(inList object: [String: Any]) -> [String] {
        (object["items"] as? [[String: Any]] ?? []).compactMap {
            ($0["metadata"] as? [String: Any])?["name"] as? String
        }
    }

    /// Whole percents for shares in permille, summing to 100 when the shares sum to 1000 (largest remainder).
    public static func percents(_ permille: [Int]) -> [Int] {
        var result = permille.map { $0 / 10 }
        let missing = permille.reduce(0, +) / 10 - result.reduce(0, +)
        // Ties go to the smaller share, so a small canary gets 1% rather than nothing.
        let order = permille.indices.sorted { (permille[$0] % 10, -permille[$0]) > (permille[$1] % 10, -permille[$1]) }
        for index in order.prefix(max(0, missing)) { result[index] += 1 }
        return result
    }

    /// Compact JSON with sorted keys: the same object always prints the same way.
    static func json(_ object: [String: Any]) throws -> String {
        String(
            decoding: try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}

/// One `kubectl` call: the arguments after the program's name, and what it reads on standard input.
public struct KubectlCommand: Sendable, Hashable, CustomStringConvertible {
    /// The arguments.
    public var arguments: [String]
    /// A manifest for `--filename -`.
    public var input: String?

    /// A call.
    public init(_ arguments: [String], input: String? = nil) {
        self.arguments = arguments
        self.input = input
    }

    /// `kubectl get deployment web …`, as a person would type it.
    public var description: String { (["kubectl"] + arguments).joined(separator: " ") }
}

/// A template or an object read from the cluster that Gantry cannot work with.
public struct KubernetesPlanError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the object.
    public var message: String

    /// An error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
