import NIOCore
import NIOPosix

/// A plain TCP connection for tests that need bytes no HTTP client would send: pipelined requests in one write,
/// a request that is not HTTP, a body sent only after `100 Continue`.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: AsyncStream<ByteBuffer>

    static func connect(port: Int) async throws -> RawConnection {
        let (received, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(continuation: continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    private init(channel: any Channel, received: AsyncStream<ByteBuffer>) {
        self.channel = channel
        self.received = received
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Everything received until `marker` has arrived (or the connection closed), as text.
    func receive(until marker: String) async -> String {
        var text = ""
        for await chunk in received {
            text += String(buffer: chunk)
            if text.contains(marker) { break }
        }
        return text
    }

    /// Everything received until the server closes the connection, as text.
    func receiveUntilClosed() async -> String {
        var text = ""
        for await chunk in received { text += String(buffer: chunk) }
        return text
    }

    func close() async {
        try? await channel.close()
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        let continuation: AsyncStream<ByteBuffer>.Continuation

        init(continuation: AsyncStream<ByteBuffer>.Continuation) {
            self.continuation = continuation
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            continuation.yield(unwrapInboundIn(data))
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
            context.fireChannelInactive()
        }
    }
}
