import Foundation
import Hummingbird
import Logging
import PersistenceSQLite

/// Where `gantry serve` listens and which repository it serves.
public struct ServerConfiguration: Sendable {
    public var repositoryRoot: String
    public var host: String
    public var port: Int

    public init(repositoryRoot: String, host: String = "127.0.0.1", port: Int = 7575) {
        self.repositoryRoot = repositoryRoot
        self.host = host
        self.port = port
    }
}

/// The composition root: the store, every service's proxy, target and controller, and the control API, as one
/// Hummingbird application whose services shut down together.
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    let store = try SQLiteStore.open(repositoryRoot: configuration.repositoryRoot)
    let runtime = DeliveryRuntime(root: configuration.repositoryRoot, store: store)
    try await runtime.loadAll()
    let router = Router()
    router.get("healthz") { _, _ in "ok\n" }
    ServicesController(runtime: runtime, store: store, root: configuration.repositoryRoot).register(on: router)
    var logger = Logger(label: "gantry.serve")
    logger.logLevel = .warning
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gantry"),
        services: [runtime],
        logger: logger)
}
