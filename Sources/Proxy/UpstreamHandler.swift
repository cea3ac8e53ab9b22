import NIOCore

/// The proxy's end of one keep-alive connection to a replica: finds where each response's head and body end in
/// the byte stream and hands them to the ``ProxyHandler`` whose request the connection carries (its `delegate`).
/// Body bytes are passed on as they arrive, never copied or re-encoded.
///
/// Lives on the same event loop as the client connection it serves, so the two call each other directly.
final class UpstreamHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        /// No response expected: the connection is idle (or was written to but the response has not begun).
        case idle
        /// Reading a response head (interim responses are skipped).
        case head
        /// Reading a body of known length, this many bytes left.
        case length(Int)
        case chunked(ChunkedScanner)
        case untilClose
    }

    /// The pool the connection returns to; set once connected.
    var pool: UpstreamPool?
    /// The client-side handler whose request this connection carries now; `nil` while idle.
    var delegate: ProxyHandler?
    /// Whether the connection sits in its pool's idle list.
    var isIdle = false
    /// Requests this connection has carried to the end.
    var completedExchanges = 0

    private var context: ChannelHandlerContext?
    private var state = State.idle
    private var requestWasHead = false
    private var keepAlive = false
    private var partialHead: ByteBuffer?
    private var readingPaused = false
    private var readPending = false

    /// Whether the connection is still open, kept here because asking the channel costs more on every request.
    private(set) var isActive = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        isActive = context.channel.isActive
    }

    func channelActive(context: ChannelHandlerContext) {
        isActive = true
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Announces a request whose response will be read next (before its head is written).
    func expectResponse(toHead isHead: Bool) {
        state = .head
        requestWasHead = isHead
        partialHead = nil
    }

    func write(_ bytes: ByteBuffer) {
        context?.write(wrapOutboundOut(bytes), promise: nil)
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
        var buffer = unwrapInboundIn(data)
        while buffer.readableBytes > 0 {
            guard let delegate else {
                // A replica must not send anything it was not asked for: the connection cannot be trusted any more.
                context.close(promise: nil)
                return
            }
            switch state {
            case .idle:
                fail(delegate, context: context)
                return
            case .head:
                guard readHead(&buffer, delegate: delegate, context: context) else { return }
            case .length(let remaining):
                let slice = buffer.readSlice(length: min(remaining, buffer.readableBytes))!
                state = slice.readableBytes == remaining ? .idle : .length(remaining - slice.readableBytes)
                delegate.upstreamBody(slice)
                if case .idle = state { finish(delegate, leftover: buffer.readableBytes) }
            case .chunked(var scanner):
                let taken: Int
                do {
                    taken = try buffer.withUnsafeReadableBytes { raw throws(ChunkedScanner.Malformed) in
                        try scanner.scan(raw)
                    }
                } catch {
                    fail(delegate, context: context)
                    return
                }
                state = scanner.isDone ? .idle : .chunked(scanner)
                delegate.upstreamBody(buffer.readSlice(length: taken)!)
                if scanner.isDone { finish(delegate, leftover: buffer.readableBytes) }
            case .untilClose:
                delegate.upstreamBody(buffer)
                return
            }
        }
    }

    /// Reads a response head from `buffer` (joined with what came before); `false` when it needs more bytes or failed.
    private func readHead(_ buffer: inout ByteBuffer, delegate: ProxyHandler, context: ChannelHandlerContext) -> Bool {
        if var partial = partialHead {
            partial.writeBuffer(&buffer)
            buffer = partial
            partialHead = nil
        }
        guard let length = MessageHead.length(in: buffer) else {
            guard buffer.readableBytes <= MessageHead.maximumSize else {
                fail(delegate, context: context)
                return false
            }
            partialHead = buffer
            return false
        }
        let response: ProxiedResponse
        do {
            response = try ProxiedResponse(
                MessageHead(parsing: buffer.readSlice(length: length)!), requestWasHead: requestWasHead)
        } catch {
            fail(delegate, context: context)
            return false
        }
        if response.isInterim { return true }
        keepAlive = response.keepAlive
        switch response.framing {
        case .none: state = .idle
        case .length(let length): state = .length(length)
        case .chunked: state = .chunked(ChunkedScanner())
        case .untilClose: state = .untilClose
        }
        delegate.upstreamHead(response)
        if case .idle = state, self.delegate === delegate { finish(delegate, leftover: buffer.readableBytes) }
        return true
    }

    private func finish(_ delegate: ProxyHandler, leftover: Int) {
        completedExchanges += 1
        // Bytes after the response's end were never asked for: such a connection is not reused.
        delegate.upstreamEnd(reusable: keepAlive && leftover == 0)
    }

    private func fail(_ delegate: ProxyHandler, context: ChannelHandlerContext) {
        self.delegate = nil
        state = .idle
        delegate.upstreamFailed(self, error: ChannelError.inappropriateOperationForState)
        context.close(promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(context.channel.isWritable)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isActive = false
        if isIdle {
            isIdle = false
            pool?.idleConnectionClosed(self)
        }
        guard let delegate else { return }
        if case .untilClose = state {
            // The close is how this response ends.
            state = .idle
            keepAlive = false
            finish(delegate, leftover: 0)
            return
        }
        self.delegate = nil
        delegate.upstreamFailed(self, error: ChannelError.eof)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let delegate {
            self.delegate = nil
            delegate.upstreamFailed(self, error: error)
        }
        context.close(promise: nil)
    }
}
