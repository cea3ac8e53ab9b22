import NIOCore
import NIOPosix

/// Keep-alive connections to one replica, for one I/O thread: idle ones are reused last-in first-out, new ones
/// are opened on demand, at most `maxIdlePerReplica` idle ones are kept.
///
/// Confined to its event loop. A retired pool (its replica left the routing table) keeps no idle connection:
/// requests still running on its connections finish, and the connections close when they are released.
final class UpstreamPool {
    let endpoint: Endpoint
    private let eventLoop: any EventLoop
    private let settings: LoopContext.Settings
    private let address: SocketAddress?
    private var idle: [UpstreamHandler] = []
    private var retired = false

    init(endpoint: Endpoint, eventLoop: any EventLoop, settings: LoopContext.Settings) {
        self.endpoint = endpoint
        self.eventLoop = eventLoop
        self.settings = settings
        self.address = try? SocketAddress(ipAddress: endpoint.host, port: endpoint.port)
    }

    /// An idle, still open connection, if there is one.
    func take() -> UpstreamHandler? {
        while let connection = idle.popLast() {
            connection.isIdle = false
            if connection.isActive { return connection }
        }
        return nil
    }

    /// Takes back a connection whose exchange ended cleanly, or closes it if it cannot be kept.
    func release(_ connection: UpstreamHandler) {
        guard !retired, idle.count < settings.maxIdlePerReplica, connection.isActive else {
            connection.close()
            return
        }
        connection.isIdle = true
        idle.append(connection)
    }

    /// Forgets an idle connection the replica closed.
    func idleConnectionClosed(_ connection: UpstreamHandler) {
        if let index = idle.firstIndex(where: { $0 === connection }) { idle.remove(at: index) }
    }

    /// Closes the idle connections and keeps none from now on.
    func retire() {
        retired = true
        let connections = idle
        idle = []
        for connection in connections {
            connection.isIdle = false
            connection.close()
        }
    }

    /// Opens a new connection; `completion` runs on the event loop.
    func connect(_ completion: @escaping (Result<UpstreamHandler, any Error>) -> Void) {
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(settings.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler())
                }
            }
        let future =
            if let address { bootstrap.connect(to: address) } else {
                bootstrap.connect(host: endpoint.host, port: endpoint.port)
            }
        future.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                do {
                    let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                    handler.pool = self
                    completion(.success(handler))
                } catch {
                    channel.close(promise: nil)
                    completion(.failure(error))
                }
            case .failure(let error):
                completion(.failure(error))
            }
        }
    }
}
