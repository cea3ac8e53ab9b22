import NIOCore

/// The client side of one proxied connection: reads each request head, routes it, forwards it to a replica over a
/// pooled keep-alive connection, streams the response back, and records the outcome.
///
/// Works on bytes: heads are parsed in place and rewritten (``ProxiedRequest``, ``ProxiedResponse``), bodies pass
/// through unchanged, so nothing is decoded into objects and encoded again. One request at a time: pipelined
/// bytes wait, with reading stopped, until the request before them is answered. Bodies stream in both directions
/// without being buffered: while one side cannot take more, reading from the other stops. The replica is chosen
/// when the head arrives and never changes for that request, except that a body-less idempotent request whose
/// reused connection was closed before any answer is sent once more on a new one. On `ChannelShouldQuiesceEvent`
/// (graceful shutdown) an idle connection closes at once and a busy one after its response.
final class ProxyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// No request in progress.
        case idle
        /// Waiting for a new connection to the replica; request bytes wait in `pending`.
        case connecting
        /// The request (or its response) is streaming through `upstream`.
        case forwarding
        /// The response is complete but the request is not: its remaining body is read and dropped.
        case draining
    }

    /// Where the reader is in the client's byte stream.
    private enum RequestReader {
        case head
        case length(Int)
        case chunked(ChunkedScanner)
    }

    let loop: LoopContext
    private var context: ChannelHandlerContext?
    private var clientAddress: String?
    private var phase = Phase.idle
    private var reader = RequestReader.head
    private var inbound: ByteBuffer?
    private var processingInbound = false
    private var requestNumber = 0

    // The request in progress.
    private var group = 0
    private var pool: UpstreamPool?
    private var upstream: UpstreamHandler?
    private var pending: [ByteBuffer] = []
    private var replayHead: ByteBuffer?
    private var requestIsHead = false
    private var startedAt = NIODeadline.uptimeNanoseconds(0)
    private var requestEndedAt: NIODeadline?
    private var responseStarted = false
    private var status = 0
    private var keepAlive = true
    private var clientMinorVersion = 1
    private var stickyCookie: String?
    private var upstreamNeedsFlush = false
    private var clientNeedsFlush = false

    // Reading from the client is held back while the replica cannot take more, or while a pipelined request waits.
    private var readingPaused = false
    private var holdingPipelined = false
    private var readPending = false
    private var quiescing = false

    init(loop: LoopContext) {
        self.loop = loop
    }

    // MARK: - Client events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientAddress = context.channel.remoteAddress?.ipAddress
        loop.register(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        loop.unregister(self)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if var earlier = inbound {
            earlier.writeBuffer(&buffer)
            inbound = earlier
        } else {
            inbound = buffer
        }
        processInbound(context: context)
    }

    /// Whether the request in progress has been read to its end and still waits for its response.
    private var waitsForResponse: Bool { phase != .idle && requestEndedAt != nil }

    /// Reads heads and body bytes from `inbound` until it is empty, needs more bytes, or a pipelined request must
    /// wait for the one before it.
    private func processInbound(context: ChannelHandlerContext) {
        guard !processingInbound else { return }
        processingInbound = true
        defer { processingInbound = false }
        while var bytes = inbound, bytes.readableBytes > 0 {
            switch reader {
            case .head:
                guard !waitsForResponse else {
                    holdingPipelined = true
                    return
                }
                guard let length = MessageHead.length(in: bytes) else {
                    if bytes.readableBytes > MessageHead.maximumSize { badRequest(context: context) }
                    return
                }
                let head = bytes.readSlice(length: length)!
                inbound = bytes
                do {
                    startRequest(try ProxiedRequest(MessageHead(parsing: head)), context: context)
                } catch {
                    badRequest(context: context)
                    return
                }
            case .length(let remaining):
                let slice = bytes.readSlice(length: min(remaining, bytes.readableBytes))!
                inbound = bytes
                reader = slice.readableBytes == remaining ? .head : .length(remaining - slice.readableBytes)
                forwardBody(slice)
                if case .head = reader { endRequest() }
            case .chunked(var scanner):
                let taken: Int
                do {
                    taken = try bytes.withUnsafeReadableBytes { raw throws(ChunkedScanner.Malformed) in
                        try scanner.scan(raw)
                    }
                } catch {
                    badRequest(context: context)
                    return
                }
                let slice = bytes.readSlice(length: taken)!
                inbound = bytes
                reader = scanner.isDone ? .head : .chunked(scanner)
                forwardBody(slice)
                if scanner.isDone { endRequest() }
            }
        }
        inbound = nil
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Not passed on: this is the last handler, and the pipeline's tail does nothing with it.
        if upstreamNeedsFlush {
            upstreamNeedsFlush = false
            upstream?.flush()
        }
    }

    func read(context: ChannelHandlerContext) {
        if readingPaused || holdingPipelined {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            upstream?.resumeReading()
        } else {
            upstream?.pauseReading()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The client left: whatever the replica was doing for it is abandoned, and not counted.
        if let connection = detachUpstream() { connection.close() }
        pending.removeAll()
        inbound = nil
        phase = .idle
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        quiescing = true
        if phase == .idle {
            context.close(promise: nil)
        } else {
            // The response in progress says `Connection: close` if its head is not out yet; the connection closes
            // after it either way.
            keepAlive = false
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Answers 400 and closes when the client sent something that is not HTTP/1.x: the rest of its byte stream
    /// can no longer be delimited. Mid-exchange, the connection is just closed.
    private func badRequest(context: ChannelHandlerContext) {
        inbound = nil
        reader = .head
        guard phase == .idle else {
            context.close(promise: nil)
            return
        }
        keepAlive = false
        phase = .draining
        respondLocally(400, "Bad Request", "the request is not valid HTTP/1.1\n")
    }

    // MARK: - Routing and connecting

    private func startRequest(_ request: ProxiedRequest, context: ChannelHandlerContext) {
        requestNumber &+= 1
        startedAt = .now()
        requestEndedAt = nil
        responseStarted = false
        status = 0
        clientMinorVersion = request.minorVersion
        requestIsHead = request.isHead
        keepAlive = request.keepAlive && !quiescing && !loop.isShuttingDown
        switch request.framing {
        case .length(let length): reader = .length(length)
        case .chunked: reader = .chunked(ChunkedScanner())
        case .none, .untilClose: reader = .head
        }
        let table = loop.table()
        let decision = table.decide(request.head)
        group = decision.group
        stickyCookie = decision.assignSticky ? "\(table.stickyCookie ?? "")=\(table.groups[group]); Path=/" : nil
        guard let pool = loop.nextPool(group: group) else {
            stickyCookie = nil
            phase = .draining
            record(.connectionError)
            respondLocally(503, "Service Unavailable", "no ready replica for version \"\(table.groups[group])\"\n")
            if request.framing == .none { endRequest() }
            return
        }
        self.pool = pool
        if request.expectsContinue {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")), promise: nil)
        }
        var head = context.channel.allocator.buffer(capacity: request.head.bytes.readableBytes + 96)
        request.writeUpstreamHead(into: &head, clientAddress: clientAddress, endpoint: pool.endpoint)
        replayHead = request.isReplayable && request.framing == .none ? head : nil
        if let connection = pool.take() {
            attach(connection)
            connection.write(head)
            upstreamNeedsFlush = true
        } else {
            pending.append(head)
            connect(pool)
        }
        if request.framing == .none { endRequest() }
    }

    private func forwardBody(_ bytes: ByteBuffer) {
        switch phase {
        case .connecting:
            pending.append(bytes)
        case .forwarding:
            upstream?.write(bytes)
            upstreamNeedsFlush = true
        case .draining, .idle:
            break
        }
    }

    /// The request's last byte has been read.
    private func endRequest() {
        requestEndedAt = .now()
        if phase == .draining {
            phase = .idle
            exchangeEnded()
        }
    }

    private func connect(_ pool: UpstreamPool) {
        phase = .connecting
        // Nothing more is read from the client until there is somewhere to send it.
        readingPaused = true
        let number = requestNumber
        pool.connect { result in
            guard self.phase == .connecting, self.requestNumber == number else {
                if case .success(let connection) = result { pool.release(connection) }
                return
            }
            switch result {
            case .success(let connection):
                self.attach(connection)
                for bytes in self.pending { connection.write(bytes) }
                self.pending.removeAll(keepingCapacity: true)
                connection.flush()
                self.readingPaused = false
                self.resumeClientReads()
            case .failure(let error):
                self.pending.removeAll(keepingCapacity: true)
                if case ChannelError.connectTimeout = error {
                    self.fail(.timeout)
                } else {
                    self.fail(.connectionError)
                }
            }
        }
    }

    private func attach(_ connection: UpstreamHandler) {
        upstream = connection
        connection.delegate = self
        connection.expectResponse(toHead: requestIsHead)
        phase = .forwarding
        if let context, !context.channel.isWritable { connection.pauseReading() }
    }

    /// Unhooks the replica's connection from this request, and lets both sides read again.
    private func detachUpstream() -> UpstreamHandler? {
        guard let connection = upstream else { return nil }
        upstream = nil
        connection.delegate = nil
        connection.resumeReading()
        readingPaused = false
        resumeClientReads()
        return connection
    }

    /// Reads from the client again, catching up on a read asked for while reading was held back.
    private func resumeClientReads() {
        guard !readingPaused && !holdingPipelined && readPending, let context else { return }
        readPending = false
        context.read()
    }

    /// After a request and its response are both complete: closes the connection if it must not be reused, or goes
    /// on with pipelined bytes that waited.
    private func exchangeEnded() {
        guard let context else { return }
        guard keepAlive && !quiescing else {
            inbound = nil
            if quiescing { context.close(promise: nil) }
            return
        }
        holdingPipelined = false
        processInbound(context: context)
        if upstreamNeedsFlush {
            upstreamNeedsFlush = false
            upstream?.flush()
        }
        resumeClientReads()
    }

    // MARK: - Replica events

    func upstreamHead(_ response: ProxiedResponse) {
        guard let context else { return }
        responseStarted = true
        status = response.status
        if response.framing == .untilClose { keepAlive = false }
        var head = context.channel.allocator.buffer(capacity: response.head.bytes.readableBytes + 64)
        response.writeClientHead(
            into: &head, clientMinorVersion: clientMinorVersion, keepAlive: keepAlive, setCookie: stickyCookie
        )
        context.write(wrapOutboundOut(head), promise: nil)
        clientNeedsFlush = true
    }

    func upstreamBody(_ bytes: ByteBuffer) {
        context?.write(wrapOutboundOut(bytes), promise: nil)
        clientNeedsFlush = true
    }

    func upstreamEnd(reusable: Bool) {
        let requestEnded = requestEndedAt != nil
        if let connection = detachUpstream() {
            if reusable && requestEnded { pool?.release(connection) } else { connection.close() }
        }
        record(StatusClass(status: status))
        phase = requestEnded ? .idle : .draining
        writeEnd()
        if requestEnded { exchangeEnded() }
    }

    func upstreamReadComplete() {
        guard clientNeedsFlush else { return }
        clientNeedsFlush = false
        context?.flush()
    }

    func upstreamWritabilityChanged(_ isWritable: Bool) {
        if isWritable {
            readingPaused = false
            resumeClientReads()
        } else {
            readingPaused = true
        }
    }

    func upstreamFailed(_ connection: UpstreamHandler, error: any Error) {
        guard connection === upstream else { return }
        _ = detachUpstream()
        connection.close()
        if !responseStarted, requestEndedAt != nil, connection.completedExchanges > 0, let head = replayHead, let pool {
            // The replica closed a kept-alive connection just as the request went out (an idle timeout race):
            // nothing was processed, so the request goes once more on a new connection.
            replayHead = nil
            pending = [head]
            connect(pool)
            return
        }
        fail(.connectionError)
    }

    /// Fails a request still waiting for its replica's first byte past the response timeout.
    func checkTimeout(now: NIODeadline) {
        guard phase == .connecting || (phase == .forwarding && !responseStarted), let requestEndedAt,
            now - requestEndedAt > loop.settings.responseTimeout
        else { return }
        fail(.timeout)
    }

    // MARK: - Answering

    private func fail(_ outcome: StatusClass) {
        if let connection = detachUpstream() { connection.close() }
        pending.removeAll(keepingCapacity: true)
        readingPaused = false
        record(outcome)
        if responseStarted {
            // Part of the response is already out: cutting the connection is the only honest signal left.
            phase = .idle
            context?.close(promise: nil)
            return
        }
        phase = requestEndedAt != nil ? .idle : .draining
        if outcome == .timeout {
            respondLocally(504, "Gateway Timeout", "the replica did not answer in time\n")
        } else {
            respondLocally(502, "Bad Gateway", "the replica could not be reached or broke the connection\n")
        }
        if phase == .idle {
            exchangeEnded()
        } else {
            resumeClientReads()
        }
    }

    private func respondLocally(_ code: Int, _ reason: String, _ text: String) {
        guard let context else { return }
        var response = context.channel.allocator.buffer(capacity: 160 + text.utf8.count)
        response.writeString(clientMinorVersion == 1 ? "HTTP/1.1 " : "HTTP/1.0 ")
        response.writeString("\(code) \(reason)\r\ncontent-type: text/plain; charset=utf-8\r\n")
        response.writeString("content-length: \(text.utf8.count)\r\n")
        if !keepAlive {
            response.writeString("connection: close\r\n")
        } else if clientMinorVersion == 0 {
            response.writeString("connection: keep-alive\r\n")
        }
        response.writeString("\r\n")
        response.writeString(text)
        context.write(wrapOutboundOut(response), promise: nil)
        writeEnd()
    }

    /// Sends what was written of the response; closes the connection after it when it is not kept.
    private func writeEnd() {
        guard let context else { return }
        clientNeedsFlush = false
        if keepAlive {
            context.flush()
        } else {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer())).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    private func record(_ outcome: StatusClass) {
        let elapsed = NIODeadline.now().uptimeNanoseconds - startedAt.uptimeNanoseconds
        loop.metrics.record(
            shard: loop.shard, group: group, status: outcome, nanoseconds: elapsed, second: UnixTime.nowSeconds()
        )
    }
}
