import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A request as the test server received it.
struct RecordedRequest: Sendable {
    /// `GET`, `POST` …
    var method: String
    /// The path and query string as sent.
    var uri: String
    /// Header names lower-cased.
    var headers: [String: String]

    /// The path without the query string.
    var path: String { String(uri.prefix { $0 != "?" }) }

    /// The decoded query parameters.
    var parameters: [String: String] {
        let items = URLComponents(string: uri)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }
}

/// What the test server answers.
struct TestResponse: Sendable {
    /// How the server behaves.
    enum Behaviour: Sendable {
        /// Answer normally.
        case answer
        /// Never answer: the client has to time out.
        case hang
        /// Send the head and half the body, then stall.
        case stallBody
    }

    var status: Int = 200
    var body: String = ""
    var contentType: String = "application/json"
    var behaviour: Behaviour = .answer
}

/// A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port, answering through a closure.
final class TestHTTPServer: Sendable {
    /// The port it listens on.
    let port: Int
    private let channel: any Channel
    private let log: Locked<[RecordedRequest]>
    private let connections: Locked<[any Channel]>

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far.
    var requests: [RecordedRequest] { log.value }

    private init(port: Int, channel: any Channel, log: Locked<[RecordedRequest]>, connections: Locked<[any Channel]>) {
        self.port = port
        self.channel = channel
        self.log = log
        self.connections = connections
    }

    /// Starts a server answering every request with `respond`.
    static func start(_ respond: @escaping @Sendable (RecordedRequest) -> TestResponse) async throws -> TestHTTPServer {
        let log = Locked<[RecordedRequest]>([])
        let connections = Locked<[any Channel]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.mutate { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(respond: respond, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else { throw CancellationError() }
        return TestHTTPServer(port: port, channel: channel, log: log, connections: connections)
    }

    /// Stops listening and closes every accepted connection (a pooled client connection must not outlive the
    /// server and reach a later server on the same port).
    func shutdown() async {
        try? await channel.close()
        let accepted = connections.mutate { all in
            defer { all = [] }
            return all
        }
        for connection in accepted {
            try? await connection.close()
        }
    }

    /// Runs `body` with a started server, shutting it down afterwards whatever happens.
    static func with<T>(
        _ respond: @escaping @Sendable (RecordedRequest) -> TestResponse,
        _ body: (TestHTTPServer) async throws -> T
    ) async throws -> T {
        let server = try await start(respond)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Runs `body` with a server answering every request with `response`.
    static func with<T>(_ response: TestResponse, _ body: (TestHTTPServer) async throws -> T) async throws -> T {
        try await with({ _ in response }, body)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        private let respond: @Sendable (RecordedRequest) -> TestResponse
        private let log: Locked<[RecordedRequest]>
        private var current: RecordedRequest?

        init(respond: @escaping @Sendable (RecordedRequest) -> TestResponse, log: Locked<[RecordedRequest]>) {
            self.respond = respond
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                let headers = Dictionary(
                    head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
                current = RecordedRequest(method: head.method.rawValue, uri: head.uri, headers: headers)
            case .body:
                break
            case .end:
                guard let request = current else { return }
                current = nil
                log.mutate { $0.append(request) }
                write(respond(request), context: context)
            }
        }

        private func write(_ response: TestResponse, context: ChannelHandlerContext) {
            if case .hang = response.behaviour { return }
            var body = context.channel.allocator.buffer(string: response.body)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: response.contentType)
            headers.add(name: "Content-Length", value: "\(body.readableBytes)")
            let status = HTTPResponseStatus(statusCode: response.status)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil)
            if case .stallBody = response.behaviour, let half = body.readSlice(length: body.readableBytes / 2) {
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(half))), promise: nil)
                return
            }
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

/// A value guarded by a lock, shared between the test and the server's event loop.
final class Locked<Value: Sendable>: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var stored: Value

    init(_ value: Value) { stored = value }

    /// The current value.
    var value: Value { lock.withLock { stored } }

    /// Changes the value under the lock.
    func mutate<T>(_ change: (inout Value) -> T) -> T {
        lock.withLock { change(&stored) }
    }
}
