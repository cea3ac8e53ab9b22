import Foundation
import Proxy

/// Real backends and a real proxy on 127.0.0.1, torn down at the end whatever happens.
struct ProxyHarness: Sendable {
    /// What a test changes in the proxy's configuration.
    struct Options {
        var routes: [Route] = []
        var stickyCookie: String?
        var admin = false
        var responseTimeout: Duration?
        var threads: Int?
        var metricsWindowSeconds: Int?
    }

    let proxy: TrafficProxy
    let port: Int
    let backends: [String: [TestBackend]]

    func backend(_ name: String, _ index: Int = 0) -> TestBackend { backends[name]![index] }

    func client() async throws -> TestClient { try await TestClient.connect(port: port) }

    /// Starts `replicas[name]` backends per group (in `groups` order), then a proxy splitting between them.
    static func run<T>(
        groups: [(name: String, replicas: Int)] = [("stable", 1), ("canary", 1)],
        weights: [String: Int] = [:],
        options: Options = Options(),
        _ body: (ProxyHarness) async throws -> T
    ) async throws -> T {
        var backends: [String: [TestBackend]] = [:]
        var all: [TestBackend] = []
        var proxy: TrafficProxy?
        do {
            for group in groups {
                for replica in 0..<group.replicas {
                    let backend = try await TestBackend.start(
                        group.replicas > 1 ? "\(group.name)-\(replica)" : group.name)
                    backends[group.name, default: []].append(backend)
                    all.append(backend)
                }
            }
            var configuration = ProxyConfiguration(
                listen: Endpoint(host: "127.0.0.1", port: 0),
                backends: groups.map { BackendGroup(name: $0.name, addresses: backends[$0.name]!.map(\.endpoint)) },
                weights: weights
            )
            configuration.shutdownGracePeriod = .seconds(5)
            configuration.routes = options.routes
            configuration.stickyCookie = options.stickyCookie
            if options.admin { configuration.admin = Endpoint(host: "127.0.0.1", port: 0) }
            if let timeout = options.responseTimeout { configuration.responseTimeout = timeout }
            configuration.threads = options.threads
            if let window = options.metricsWindowSeconds { configuration.metricsWindowSeconds = window }
            let started = try TrafficProxy(configuration: configuration)
            proxy = started
            let port = try await started.start()
            let result = try await body(ProxyHarness(proxy: started, port: port, backends: backends))
            await started.shutdown()
            for backend in all { await backend.stop() }
            return result
        } catch {
            await proxy?.shutdown()
            for backend in all { await backend.stop() }
            throw error
        }
    }

    /// Sends `count` GET requests over `connections` keep-alive connections; returns each response's `x-backend`
    /// (or `status <code>` for anything but 200), in no particular order.
    func load(_ count: Int, connections: Int = 4, path: String = "/") async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for connection in 0..<connections {
                let share = count / connections + (connection < count % connections ? 1 : 0)
                group.addTask {
                    let client = try await self.client()
                    var seen: [String] = []
                    seen.reserveCapacity(share)
                    for _ in 0..<share {
                        let response = try await client.request(.GET, path)
                        seen.append(
                            response.status == 200 ? response.header("x-backend") ?? "?" : "status \(response.status)")
                    }
                    await client.close()
                    return seen
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
