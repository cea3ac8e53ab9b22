import NIOCore
import NIOHTTP1

/// The proxy's end of one keep-alive connection to a replica: forwards the response to the ``ProxyHandler`` whose
/// request it carries (its `delegate`), and lets that handler write the request and pause reading.
///
/// Lives on the same event loop as the client connection it serves, so the two call each other directly.
final class UpstreamHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The pool the connection returns to; set once connected.
    var pool: UpstreamPool?
    /// The client-side handler whose request this connection carries now; `nil` while idle.
    var delegate: ProxyHandler?
    /// Whether the connection sits in its pool's idle list.
    var isIdle = false
    /// Requests this connection has carried to the end.
    var completedExchanges = 0

    private var context: ChannelHandlerContext?
    private var readingPaused = false
    private var readPending = false

    var isActive: Bool { context?.channel.isActive ?? false }
    var isWritable: Bool { context?.channel.isWritable ?? false }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func write(_ part: HTTPClientRequestPart) {
        context?.write(wrapOutboundOut(part), promise: nil)
    }

    func flush() { context?.flush() }

    func close() { context?.close(promise: nil) }

    /// Stops reading the response while the client cannot take more.
    func pauseReading() { readingPaused = true }

    /// Reads again, catching up on a read asked for while paused.
    func resumeReading() {
        guard readingPaused else { return }
        readingPaused = false
        if readPending, let context {
            readPending = false
            context.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        if readingPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let delegate else {
            // A replica must not send anything on an idle connection: it cannot be trusted any more.
            context.close(promise: nil)
            return
        }
        delegate.upstreamRead(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(context.channel.isWritable)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if isIdle {
            isIdle = false
            pool?.idleConnectionClosed(self)
        }
        if let delegate {
            self.delegate = nil
            delegate.upstreamFailed(self, error: ChannelError.eof)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let delegate {
            self.delegate = nil
            delegate.upstreamFailed(self, error: error)
        }
        context.close(promise: nil)
    }
}
