import Atomics
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The traffic-splitting HTTP/1.1 reverse proxy: listens on the service's address and sends each request to one
/// version (backend group) by header or cookie route, sticky cookie, or weight, then to one of that version's ready
/// replicas, round-robin, over kept-alive connections.
///
/// Thread-safe: every method may be called from any task or thread, concurrently with traffic. The call order is
/// `init`, `start()`, any number of `setWeights`, `setBackends`, `metrics`, `latencies`, `prometheusText`, then
/// `shutdown()`; a proxy is not restarted after `shutdown()`, and one that was started must be shut down (its I/O
/// threads live until then). Weight and replica changes take effect for requests
/// whose head arrives after the call returns; a request already routed finishes on the replica it started on.
public final class TrafficProxy: Sendable {
    private enum Lifecycle {
        case created
        case starting
        case running(Running)
        case stopped
    }

    private struct Running {
        var group: MultiThreadedEventLoopGroup
        var server: any Channel
        var admin: (any Channel)?
        var loops: [LoopContext]
    }

    /// The configuration the proxy was created with (weights and replicas as they were then).
    public let configuration: ProxyConfiguration
    let routing: RoutingState
    let recorder: MetricsRecorder
    let startSecond: Int64
    private let threads: Int
    private let tracker = ConnectionTracker()
    private let shuttingDown = ManagedAtomic<Bool>(false)
    private let lifecycle = NIOLockedValueBox(Lifecycle.created)
    private let ports = NIOLockedValueBox<(proxy: Int?, admin: Int?)>((nil, nil))

    /// Checks the configuration (group names, weights, routes, ranges) and prepares the proxy; nothing listens yet.
    /// - Throws: ``ProxyError`` with code `invalidBackends`, `invalidWeights` or `invalidConfiguration`.
    public init(configuration: ProxyConfiguration) throws {
        guard configuration.metricsWindowSeconds > 0, configuration.maxIdleConnectionsPerReplica >= 0,
            (configuration.threads ?? 1) > 0
        else {
            throw ProxyError(.invalidConfiguration, "metrics window, idle connections and threads must be positive")
        }
        self.configuration = configuration
        self.routing = RoutingState(try RoutingTable(configuration: configuration))
        self.threads = configuration.threads ?? System.coreCount
        self.recorder = MetricsRecorder(
            groups: configuration.backends.map(\.name), window: configuration.metricsWindowSeconds, shards: threads
        )
        self.startSecond = UnixTime.nowSeconds()
    }

    /// Binds the listener (and the admin listener, if configured) and starts serving.
    /// - Returns: the port the proxy listens on (the one chosen by the system when the configuration asked for 0).
    /// - Throws: ``ProxyError`` `bindFailed` when an address cannot be bound, `invalidState` when called twice.
    @discardableResult
    public func start() async throws -> Int {
        try lifecycle.withLockedValue { state in
            guard case .created = state else { throw ProxyError(.invalidState, "the proxy was already started") }
            state = .starting
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let settings = LoopContext.Settings(
            connectTimeout: TimeAmount(configuration.connectTimeout),
            responseTimeout: TimeAmount(configuration.responseTimeout),
            maxIdlePerReplica: configuration.maxIdleConnectionsPerReplica
        )
        let loops = group.makeIterator().enumerated().map { index, eventLoop in
            LoopContext(
                eventLoop: eventLoop, shard: index, settings: settings, metrics: recorder, routing: routing,
                shuttingDown: shuttingDown
            )
        }
        do {
            let server = try await bindProxy(group: group, loops: loops)
            var admin: (any Channel)?
            if let endpoint = configuration.admin { admin = try await bindAdmin(group: group, at: endpoint) }
            for loop in loops {
                loop.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in loop.sweep() }
            }
            let proxyPort = server.localAddress?.port ?? configuration.listen.port
            ports.withLockedValue { $0 = (proxyPort, admin?.localAddress?.port) }
            lifecycle.withLockedValue {
                $0 = .running(Running(group: group, server: server, admin: admin, loops: loops))
            }
            return proxyPort
        } catch {
            lifecycle.withLockedValue { $0 = .stopped }
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The port the proxy listens on, once started.
    public var port: Int? { ports.withLockedValue { $0.proxy } }

    /// The port of the admin endpoint, once started with one configured.
    public var adminPort: Int? { ports.withLockedValue { $0.admin } }

    /// Replaces the weights (permille per group name; groups left out share the rest evenly, see
    /// ``ProxyConfiguration/weights``). Atomic: every request reads either the old or the new weights, never a mix.
    /// The 1000-request window restarts, so the new split is exact from the next request on.
    /// - Throws: ``ProxyError`` `invalidWeights`; the old weights stay in force.
    public func setWeights(_ permille: [String: Int]) throws {
        try routing.update { table throws(ProxyError) in try table.with(weights: permille) }
    }

    /// The weights in force, permille per group name.
    public var weights: [String: Int] {
        let table = routing.current
        return Dictionary(uniqueKeysWithValues: zip(table.groups, table.plan.permille))
    }

    /// Replaces one group's ready replicas (replicas that stopped being ready are left out). Requests already sent
    /// to a replica that left finish there; its idle connections are closed. An empty list makes the group unable
    /// to serve: weighted requests for it go to the heaviest group that has replicas. The weighted window goes on.
    /// - Throws: ``ProxyError`` `invalidBackends` when `group` is not a configured group.
    public func setBackends(group: String, addresses: [Endpoint]) throws {
        try routing.update { table throws(ProxyError) in try table.with(replicas: addresses, for: group) }
    }

    /// The ready replicas in force, per group name.
    public var backends: [String: [Endpoint]] {
        let table = routing.current
        return Dictionary(uniqueKeysWithValues: zip(table.groups, table.replicas))
    }

    /// Stops gracefully: stops accepting connections, lets every request in flight finish (up to
    /// ``ProxyConfiguration/shutdownGracePeriod``), closes client connections as their last response ends, then
    /// closes the replica connections and the I/O threads. Idempotent; returns once everything is closed.
    public func shutdown() async {
        let running: Running? = lifecycle.withLockedValue { state in
            defer { state = .stopped }
            if case .running(let running) = state { return running }
            return nil
        }
        guard let running else { return }
        shuttingDown.store(true, ordering: .relaxed)
        try? await running.server.close()
        try? await running.admin?.close()
        await tracker.quiesce(gracePeriod: configuration.shutdownGracePeriod)
        for loop in running.loops {
            try? await loop.eventLoop.submit { loop.closeIdleConnections() }.get()
        }
        try? await running.group.shutdownGracefully()
    }

    private func bindProxy(group: MultiThreadedEventLoopGroup, loops: [LoopContext]) async throws -> any Channel {
        let byLoop = Dictionary(uniqueKeysWithValues: loops.map { (ObjectIdentifier($0.eventLoop), $0) })
        let tracker = self.tracker
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard tracker.register(channel), let loop = byLoop[ObjectIdentifier(channel.eventLoop)] else {
                    return channel.close()
                }
                // No HTTP codec: `ProxyHandler` reads and writes the bytes itself.
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProxyHandler(loop: loop))
                }
            }
        return try await bind(bootstrap, configuration.listen, what: "the proxy")
    }

    private func bindAdmin(group: MultiThreadedEventLoopGroup, at endpoint: Endpoint) async throws -> any Channel {
        let render: @Sendable () -> String = { [weak self] in self?.prometheusText() ?? "" }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(AdminHandler(metricsText: render))
                }
            }
        return try await bind(bootstrap, endpoint, what: "the admin endpoint")
    }

    private func bind(_ bootstrap: ServerBootstrap, _ endpoint: Endpoint, what: String) async throws -> any Channel {
        do {
            return try await bootstrap.bind(host: endpoint.host, port: endpoint.port).get()
        } catch {
            throw ProxyError(.bindFailed, "cannot listen on \(endpoint) for \(what): \(error)")
        }
    }
}
