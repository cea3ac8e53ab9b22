import NIOCore
import NIOHTTP1

/// The client side of one proxied connection: routes each request, forwards it to a replica over a pooled
/// keep-alive connection, streams the response back, and records the outcome.
///
/// One request at a time: a pipelined request waits, with reading stopped, until the one before it is answered.
/// On `ChannelShouldQuiesceEvent` (graceful shutdown) an idle connection closes at once and a busy one after its
/// response, which says `Connection: close` when it still can. A request the parser rejects gets a 400. Bodies stream in both directions without being buffered: while one side cannot take more, reading from the
/// other side stops. The replica is chosen when the head arrives and never changes for that request, except that a
/// body-less idempotent request whose reused connection was closed before any answer is sent once more on a new one.
final class ProxyHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Phase {
        /// No request in progress.
        case idle
        /// Waiting for a new connection to the replica; request parts wait in `pending`.
        case connecting
        /// The request (or its response) is streaming through `upstream`.
        case forwarding
        /// The response is complete but the request is not: its remaining body is read and dropped.
        case draining
    }

    private let loop: LoopContext
    private var context: ChannelHandlerContext?
    private(set) var clientAddressForHeaders: String?
    private var phase = Phase.idle
    private var requestNumber = 0

    // The request in progress.
    private var group = 0
    private var pool: UpstreamPool?
    private var upstream: UpstreamHandler?
    private var pending: [HTTPClientRequestPart] = []
    private var replayHead: HTTPRequestHead?
    private var startedAt = NIODeadline.uptimeNanoseconds(0)
    private var requestEndedAt: NIODeadline?
    private var responseStarted = false
    private var status = 0
    private var upstreamKeepAlive = true
    private var keepAlive = true
    private var clientVersion = HTTPVersion.http1_1
    private var stickyCookie: String?
    private var upstreamNeedsFlush = false
    private var readingPaused = false
    private var readPending = false

    // Pipelined request parts that arrived before the request in progress was answered.
    private var queued: [HTTPServerRequestPart] = []
    private var holdingPipelined = false
    private var processingQueue = false
    private var quiescing = false

    init(loop: LoopContext) {
        self.loop = loop
    }

    // MARK: - Client events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientAddressForHeaders = context.channel.remoteAddress?.ipAddress
        loop.register(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        loop.unregister(self)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if !queued.isEmpty || waitsForResponse {
            // A pipelined request: it waits, and nothing more is read, until the one in progress is answered.
            queued.append(part)
            holdingPipelined = true
            return
        }
        handle(part, context: context)
    }

    /// Whether the request in progress has been read to its end and still waits for its response.
    private var waitsForResponse: Bool { phase != .idle && requestEndedAt != nil }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            requestHead(head, context: context)
        case .body(let buffer):
            switch phase {
            case .connecting:
                replayHead = nil
                pending.append(.body(.byteBuffer(buffer)))
            case .forwarding:
                replayHead = nil
                upstream?.write(.body(.byteBuffer(buffer)))
                upstreamNeedsFlush = true
            case .draining, .idle:
                break
            }
        case .end(let trailers):
            requestEndedAt = .now()
            switch phase {
            case .connecting:
                pending.append(.end(trailers))
            case .forwarding:
                upstream?.write(.end(trailers))
                upstreamNeedsFlush = true
            case .draining:
                phase = .idle
                exchangeEnded()
            case .idle:
                break
            }
        }
    }

    /// After a request and its response are both complete: closes the connection if it must not be reused, or
    /// goes on with the pipelined requests that waited.
    private func exchangeEnded() {
        guard let context else { return }
        guard keepAlive && !quiescing else {
            queued.removeAll()
            if quiescing { context.close(promise: nil) }
            return
        }
        guard !processingQueue else { return }
        processingQueue = true
        while !queued.isEmpty && !waitsForResponse { handle(queued.removeFirst(), context: context) }
        processingQueue = false
        if upstreamNeedsFlush {
            upstreamNeedsFlush = false
            upstream?.flush()
        }
        if queued.isEmpty && holdingPipelined {
            holdingPipelined = false
            resumeClientReads()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if upstreamNeedsFlush {
            upstreamNeedsFlush = false
            upstream?.flush()
        }
        context.fireChannelReadComplete()
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
        queued.removeAll()
        phase = .idle
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        quiescing = true
        queued.removeAll()
        if phase == .idle {
            context.close(promise: nil)
        } else {
            // The response in progress says `Connection: close` if its head is not out yet; the connection closes
            // after it either way.
            keepAlive = false
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, phase == .idle else {
            context.close(promise: nil)
            return
        }
        // Not HTTP: answer 400 and close, as the connection's byte stream can no longer be trusted.
        keepAlive = false
        queued.removeAll()
        phase = .draining
        respondLocally(.badRequest, "the request is not valid HTTP/1.1\n")
    }

    // MARK: - Routing and connecting

    private func requestHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        requestNumber &+= 1
        startedAt = .now()
        requestEndedAt = nil
        responseStarted = false
        status = 0
        upstreamNeedsFlush = false
        clientVersion = head.version
        keepAlive = head.isKeepAlive && !quiescing && !loop.isShuttingDown
        let table = loop.table()
        let decision = table.decide(head.headers)
        group = decision.group
        stickyCookie = decision.assignSticky ? "\(table.stickyCookie ?? "")=\(table.groups[group]); Path=/" : nil
        guard let pool = loop.nextPool(group: group) else {
            stickyCookie = nil
            phase = .draining
            record(.connectionError)
            respondLocally(.serviceUnavailable, "no ready replica for version \"\(table.groups[group])\"\n")
            return
        }
        self.pool = pool
        var upstreamHead = head
        upstreamHead.version = .http1_1
        if prepareUpstreamHeaders(&upstreamHead.headers, endpoint: pool.endpoint) {
            let interim = HTTPResponseHead(version: head.version, status: .continue)
            context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
        }
        replayHead = head.method.isReplayable ? upstreamHead : nil
        if let connection = pool.take() {
            attach(connection)
            connection.write(.head(upstreamHead))
            upstreamNeedsFlush = true
        } else {
            pending.append(.head(upstreamHead))
            connect(pool)
        }
    }

    private func connect(_ pool: UpstreamPool) {
        phase = .connecting
        let number = requestNumber
        pool.connect { result in
            guard self.phase == .connecting, self.requestNumber == number else {
                if case .success(let connection) = result { pool.release(connection) }
                return
            }
            switch result {
            case .success(let connection):
                self.attach(connection)
                for part in self.pending { connection.write(part) }
                self.pending.removeAll(keepingCapacity: true)
                connection.flush()
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
        phase = .forwarding
        upstreamKeepAlive = true
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

    // MARK: - Replica events

    func upstreamRead(_ part: HTTPClientResponsePart) {
        guard let context else { return }
        switch part {
        case .head(let head):
            responseStarted = true
            status = Int(head.status.code)
            upstreamKeepAlive = head.isKeepAlive
            var response = head
            response.version = clientVersion
            prepareClientHeaders(&response.headers)
            context.write(wrapOutboundOut(.head(response)), promise: nil)
        case .body(let buffer):
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        case .end(let trailers):
            let requestEnded = requestEndedAt != nil
            if let connection = detachUpstream() {
                connection.completedExchanges += 1
                if upstreamKeepAlive && requestEnded { pool?.release(connection) } else { connection.close() }
            }
            record(StatusClass(status: status))
            phase = requestEnded ? .idle : .draining
            writeEnd(trailers)
            if requestEnded { exchangeEnded() }
        }
    }

    func upstreamReadComplete() {
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
            pending = [.head(head), .end(nil)]
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
        record(outcome)
        if responseStarted {
            // Part of the response is already out: cutting the connection is the only honest signal left.
            phase = .idle
            context?.close(promise: nil)
            return
        }
        phase = requestEndedAt != nil ? .idle : .draining
        if outcome == .timeout {
            respondLocally(.gatewayTimeout, "the replica did not answer in time\n")
        } else {
            respondLocally(.badGateway, "the replica could not be reached or broke the connection\n")
        }
        if phase == .idle { exchangeEnded() }
    }

    /// Rewrites a replica's response headers for the client: drops hop-by-hop headers, adds the sticky cookie,
    /// and says whether the client connection stays open (HTTP/1.0 clients keep it only with a known length).
    private func prepareClientHeaders(_ headers: inout HTTPHeaders) {
        HopByHopHeaders.remove(from: &headers)
        if let stickyCookie { headers.add(name: "set-cookie", value: stickyCookie) }
        if keepAlive && clientVersion.major == 1 && clientVersion.minor == 0 {
            if headers.contains(name: "content-length") {
                headers.add(name: "connection", value: "keep-alive")
            } else {
                keepAlive = false
            }
        }
        if !keepAlive { headers.add(name: "connection", value: "close") }
    }

    private func respondLocally(_ status: HTTPResponseStatus, _ text: String) {
        guard let context else { return }
        var head = HTTPResponseHead(version: clientVersion, status: status)
        head.headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        head.headers.add(name: "content-length", value: String(text.utf8.count))
        if !keepAlive {
            head.headers.add(name: "connection", value: "close")
        } else if clientVersion == .http1_0 {
            head.headers.add(name: "connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        writeEnd(nil)
    }

    private func writeEnd(_ trailers: HTTPHeaders?) {
        guard let context else { return }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(trailers))).assumeIsolated().whenComplete { _ in
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
