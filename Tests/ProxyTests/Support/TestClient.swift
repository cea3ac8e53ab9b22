import NIOCore
import NIOHTTP1
import NIOPosix

/// A response as a test sees it.
struct TestResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer

    var text: String { String(buffer: body) }
    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// An HTTP/1.1 client for tests: one keep-alive connection, one request at a time.
final class TestClient: Sendable {
    private let channel: any Channel

    var isOpen: Bool { channel.isActive }

    static func connect(port: Int) async throws -> TestClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector())
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return TestClient(channel: channel)
    }

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Sends one request and waits for its whole response.
    func request(
        _ method: HTTPMethod = .GET,
        _ path: String = "/",
        headers: [(String, String)] = [],
        body: ByteBuffer? = nil,
        version: HTTPVersion = .http1_1
    ) async throws -> TestResponse {
        var head = HTTPRequestHead(version: version, method: method, uri: path)
        head.headers.add(name: "host", value: "proxy.test")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        if let body { head.headers.add(name: "content-length", value: String(body.readableBytes)) }
        let promise = channel.eventLoop.makePromise(of: TestResponse.self)
        channel.writeAndFlush(TestRequest(head: head, body: body, promise: promise), promise: nil)
        return try await promise.futureResult.get()
    }

    /// Waits until the server closes the connection.
    func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    func close() async {
        try? await channel.close()
    }
}

struct TestClientClosed: Error {}

private struct TestRequest: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?
    var promise: EventLoopPromise<TestResponse>
}

private final class ResponseCollector: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = TestRequest
    typealias OutboundOut = HTTPClientRequestPart

    private var waiting: [EventLoopPromise<TestResponse>] = []
    private var current: TestResponse?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        waiting.append(request.promise)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if let body = request.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            current = TestResponse(status: Int(head.status.code), headers: head.headers, body: ByteBuffer())
        case .body(var part):
            current?.body.writeBuffer(&part)
        case .end:
            if let response = current, !waiting.isEmpty { waiting.removeFirst().succeed(response) }
            current = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let failed = waiting
        waiting = []
        for promise in failed { promise.fail(TestClientClosed()) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failed = waiting
        waiting = []
        for promise in failed { promise.fail(error) }
        context.close(promise: nil)
    }
}
