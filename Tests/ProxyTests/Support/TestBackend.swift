import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import Proxy

/// A replica for tests: a real HTTP/1.1 server on 127.0.0.1 with an ephemeral port.
///
/// Paths: `/status/NNN` answers that status; `/echo` answers the request body; `/big/N` answers N bytes in chunks;
/// `/close` answers with `Connection: close` and closes; `/eof` answers in HTTP/1.0 with no length and closes;
/// `/then-drop` answers, then closes the connection without answering when the next request arrives on it;
/// `/slow` answers only once `release()` is called (and reports its arrival on `arrivals`); a HEAD request gets
/// the head only; anything else answers 200 with the backend's name. Every response carries `x-backend` and
/// `x-seen-*` headers echoing what the request looked like when it arrived.
final class TestBackend: Sendable {
    let name: String
    let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>
    /// One element per `/slow` request that has arrived.
    let arrivals: AsyncStream<Void>

    struct State {
        var requests = 0
        var connections = 0
        var held: [@Sendable () -> Void] = []
        var releasedAll = false
    }

    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: port) }

    /// Connections accepted so far.
    var connectionCount: Int { state.withLockedValue { $0.connections } }

    /// Requests received so far.
    var requestCount: Int { state.withLockedValue { $0.requests } }

    static func start(_ name: String) async throws -> TestBackend {
        let state = NIOLockedValueBox(State())
        let (arrivals, arrived) = AsyncStream<Void>.makeStream()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                state.withLockedValue { $0.connections += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        BackendHandler(name: name, state: state, arrived: arrived)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestBackend(
            name: name, port: channel.localAddress!.port!, channel: channel, state: state, arrivals: arrivals)
    }

    private init(
        name: String, port: Int, channel: any Channel, state: NIOLockedValueBox<State>, arrivals: AsyncStream<Void>
    ) {
        self.name = name
        self.port = port
        self.channel = channel
        self.state = state
        self.arrivals = arrivals
    }

    /// Answers every `/slow` request held so far, and those arriving later at once.
    func release() {
        let held = state.withLockedValue { state in
            state.releasedAll = true
            defer { state.held = [] }
            return state.held
        }
        for answer in held { answer() }
    }

    func stop() async {
        release()
        try? await channel.close()
    }

    fileprivate final class BackendHandler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let name: String
        let state: NIOLockedValueBox<State>
        let arrived: AsyncStream<Void>.Continuation
        var head: HTTPRequestHead?
        var body = ByteBuffer()
        var dropNext = false

        init(name: String, state: NIOLockedValueBox<State>, arrived: AsyncStream<Void>.Continuation) {
            self.name = name
            self.state = state
            self.arrived = arrived
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var part):
                body.writeBuffer(&part)
            case .end:
                guard let head else { return }
                if dropNext {
                    context.close(promise: nil)
                    return
                }
                state.withLockedValue { $0.requests += 1 }
                respond(head, context: context)
            }
        }

        private func respond(_ request: HTTPRequestHead, context: ChannelHandlerContext) {
            var headers = HTTPHeaders()
            headers.add(name: "x-backend", value: name)
            headers.add(name: "x-seen-host", value: request.headers.first(name: "host") ?? "none")
            headers.add(name: "x-seen-forwarded-for", value: request.headers.first(name: "x-forwarded-for") ?? "none")
            headers.add(name: "x-seen-connection", value: request.headers.first(name: "connection") ?? "none")
            headers.add(name: "x-seen-keep-alive", value: request.headers.first(name: "keep-alive") ?? "none")
            headers.add(name: "x-seen-secret", value: request.headers.first(name: "x-secret") ?? "none")
            headers.add(name: "x-seen-version", value: "\(request.version)")
            let path = request.uri
            if path.hasPrefix("/status/"), let code = Int(path.dropFirst(8)) {
                send(.init(statusCode: code), headers: headers, body: "\(name) \(code)\n", context: context)
            } else if path == "/echo" {
                let bytes = body
                send(.ok, headers: headers, bytes: bytes, context: context)
            } else if path.hasPrefix("/big/"), let size = Int(path.dropFirst(5)) {
                sendChunks(size: size, headers: headers, context: context)
            } else if path == "/eof" {
                // HTTP/1.0 without a length: the body ends when the connection closes.
                let head = HTTPResponseHead(version: .http1_0, status: .ok, headers: headers)
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                let body = context.channel.allocator.buffer(string: "until the end")
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else if path == "/then-drop" {
                dropNext = true
                send(.ok, headers: headers, body: name, context: context)
            } else if path == "/close" {
                headers.add(name: "connection", value: "close")
                send(.ok, headers: headers, body: name, context: context, close: true)
            } else if path == "/slow" {
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let loop = context.eventLoop
                let headers = headers
                let answer: @Sendable () -> Void = {
                    loop.execute {
                        let (handler, context) = bound.value
                        handler.send(.ok, headers: headers, body: handler.name, context: context)
                    }
                }
                let now = state.withLockedValue { state in
                    if state.releasedAll { return true }
                    state.held.append(answer)
                    return false
                }
                arrived.yield()
                if now { answer() }
            } else {
                send(.ok, headers: headers, body: name, context: context)
            }
        }

        func send(
            _ status: HTTPResponseStatus, headers: HTTPHeaders, body: String, context: ChannelHandlerContext,
            close: Bool = false
        ) {
            send(
                status, headers: headers, bytes: context.channel.allocator.buffer(string: body), context: context,
                close: close)
        }

        func send(
            _ status: HTTPResponseStatus, headers: HTTPHeaders, bytes: ByteBuffer, context: ChannelHandlerContext,
            close: Bool = false
        ) {
            var headers = headers
            headers.add(name: "content-length", value: String(bytes.readableBytes))
            if head?.method == .HEAD {
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                    promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if close { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
        }

        private func sendChunks(size: Int, headers: HTTPHeaders, context: ChannelHandlerContext) {
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            // Byte i of the body is i modulo 256; a chunk is a multiple of 256 bytes, so every chunk is the same.
            let pattern = ByteBuffer(bytes: (0..<65_536).map { UInt8(truncatingIfNeeded: $0) })
            var remaining = size
            while remaining > 0 {
                let length = min(remaining, pattern.readableBytes)
                let chunk = pattern.getSlice(at: 0, length: length)!
                context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
                remaining -= length
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
