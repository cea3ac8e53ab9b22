import NIOCore
import NIOHTTP1

/// Serves the admin endpoint: `GET /metrics` (Prometheus text) and `GET /healthz` (`ok`); anything else is 404.
final class AdminHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metricsText: @Sendable () -> String
    private var request: HTTPRequestHead?

    init(metricsText: @escaping @Sendable () -> String) {
        self.metricsText = metricsText
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = request.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.uri
        let status: HTTPResponseStatus
        let body: String
        var contentType = "text/plain; charset=utf-8"
        switch (request.method, path) {
        case (.GET, "/metrics"), (.HEAD, "/metrics"):
            status = .ok
            body = metricsText()
            contentType = PrometheusText.contentType
        case (.GET, "/healthz"), (.HEAD, "/healthz"):
            status = .ok
            body = "ok\n"
        case (_, "/metrics"), (_, "/healthz"):
            status = .methodNotAllowed
            body = "only GET and HEAD are served here\n"
        default:
            status = .notFound
            body = "not found: the admin endpoint serves /metrics and /healthz\n"
        }
        var head = HTTPResponseHead(version: request.version, status: status)
        head.headers.add(name: "content-type", value: contentType)
        head.headers.add(name: "content-length", value: String(body.utf8.count))
        let keepAlive = request.isKeepAlive
        if !keepAlive { head.headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
