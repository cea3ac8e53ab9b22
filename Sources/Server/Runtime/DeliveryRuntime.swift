import Delivery
import Diagnostics
import Foundation
import Persistence
import PersistenceSQLite
import Proxy
import ServiceLifecycle

/// Every service `gantry serve` runs, as one `Service` in the server's ServiceGroup: it starts them, and on
/// graceful shutdown stops their replicas and proxies.
public actor DeliveryRuntime: Service {
    let root: String
    let store: SQLiteStore
    private var services: [String: ServiceRuntime] = [:]

    public init(root: String, store: SQLiteStore) {
        self.root = root
        self.store = store
    }

    /// Loads every spec in `.gantry/services/`; every mistake is reported before anything starts.
    public func loadAll() async throws {
        let directory = root + "/.gantry/services"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        var diagnostics: [Diagnostic] = []
        var specs: [(RolloutSpec, String)] = []
        for name in names {
            let path = ".gantry/services/" + name
            do {
                specs.append((try Self.parse(path: path, root: root), path))
            } catch let error as DiagnosticError {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        for (spec, _) in specs { try await load(spec) }
    }

    /// Parses a spec file; throws every diagnostic when it has errors.
    public static func parse(path: String, root: String) throws -> RolloutSpec {
        let absolute = path.hasPrefix("/") ? path : root + "/" + path
        guard let text = try? String(contentsOfFile: absolute, encoding: .utf8) else {
            throw DiagnosticError([Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "cannot read this file", rule: "spec")])
        }
        let (spec, diagnostics) = RolloutSpecParser.parse(text, path: path)
        guard let spec, !diagnostics.hasErrors else { throw DiagnosticError(diagnostics.sortedByLocation()) }
        return spec
    }

    /// Starts (or replaces, when its spec changed) the runtime of `spec`'s service.
    public func load(_ spec: RolloutSpec) async throws {
        if let existing = services[spec.service] {
            if existing.spec == spec { return }
            // A changed spec replaces the service's runtime, which would end the rollout under way as if Gantry
            // had restarted; it waits until that rollout is over.
            if let version = await existing.controller.versionRollingOut {
                throw ControllerError(
                    "the spec of \(spec.service) changed while \(version) is rolling out; promote or abort that rollout "
                        + "before deploying with the new spec")
            }
            await existing.stop()
        }
        let runtime = try ServiceRuntime(
            spec: spec, listen: spec.listen.flatMap(Endpoint.init), admin: spec.admin.flatMap(Endpoint.init),
            preview: spec.preview.flatMap(Endpoint.init), root: root,
            store: store)
        try await runtime.start()
        services[spec.service] = runtime
    }

    public func controller(_ service: String) throws -> RolloutController {
        guard let runtime = services[service] else {
            throw ControllerError("no service \"\(service)\" is loaded; known: \(services.keys.sorted().joined(separator: ", "))")
        }
        return runtime.controller
    }

    public var serviceNames: [String] { services.keys.sorted() }

    /// Runs until the server shuts down, then drains every service.
    public func run() async throws {
        try? await gracefulShutdown()
        for runtime in services.values { await runtime.stop() }
        services = [:]
    }
}
