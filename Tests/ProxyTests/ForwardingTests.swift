import NIOCore
import NIOHTTP1
import Proxy
import Testing

@Suite("forwarding HTTP/1.1", .timeLimit(.minutes(1)))
struct ForwardingTests {
    @Test("hop-by-hop headers stay behind, X-Forwarded-For gets the client appended, Host is kept")
    func requestHeaders() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let response = try await client.request(headers: [
                ("Connection", "keep-alive, X-Secret"), ("X-Secret", "1"), ("Keep-Alive", "timeout=5"),
                ("X-Forwarded-For", "203.0.113.7"),
            ])
            #expect(response.status == 200)
            #expect(response.header("x-seen-connection") == "none")
            #expect(response.header("x-seen-keep-alive") == "none")
            #expect(response.header("x-seen-secret") == "none")
            #expect(response.header("x-seen-forwarded-for") == "203.0.113.7, 127.0.0.1")
            #expect(response.header("x-seen-host") == "proxy.test")
            #expect(response.header("x-seen-version") == "HTTP/1.1")
            await client.close()
        }
    }

    @Test("one client connection carries many requests over reused replica connections")
    func keepAliveBothSides() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            for _ in 0..<100 { #expect(try await client.request().status == 200) }
            #expect(harness.backend("stable").connectionCount == 1)
            await client.close()
        }
    }

    @Test("a client's Connection: close is answered with Connection: close and the connection is closed")
    func clientClose() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let response = try await client.request(headers: [("Connection", "close")])
            #expect(response.status == 200)
            #expect(response.header("connection") == "close")
            await client.waitUntilClosed()
        }
    }

    @Test("a replica's Connection: close is not passed on, and the next request still works")
    func replicaClose() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let closing = try await client.request(.GET, "/close")
            #expect(closing.status == 200)
            #expect(closing.header("connection") == nil)
            #expect(try await client.request().status == 200)
            #expect(harness.backend("stable").connectionCount == 2)
            await client.close()
        }
    }

    @Test("a 1 MiB request body and a 3 MB chunked response stream through intact")
    func largeBodies() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            var upload = ByteBuffer()
            for index in 0..<(1 << 20) { upload.writeInteger(UInt8(truncatingIfNeeded: index &* 7)) }
            let echoed = try await client.request(.POST, "/echo", body: upload)
            #expect(echoed.status == 200)
            #expect(echoed.body == upload)
            let download = try await client.request(.GET, "/big/3000000")
            #expect(download.body.readableBytes == 3_000_000)
            let bytes = download.body.readableBytesView
            #expect(bytes.enumerated().allSatisfy { $0.element == UInt8(truncatingIfNeeded: $0.offset) })
            await client.close()
        }
    }

    @Test("an HTTP/1.0 client is answered in HTTP/1.0; its request goes on as HTTP/1.0 over a kept connection")
    func http10() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let response = try await client.request(headers: [("Connection", "keep-alive")], version: .http1_0)
            #expect(response.status == 200)
            #expect(response.header("x-seen-version") == "HTTP/1.0")
            #expect(response.header("x-seen-connection") == "keep-alive")
            #expect(response.header("connection") == "keep-alive")
            #expect(try await client.request(version: .http1_0).status == 200)
            await client.waitUntilClosed()
            #expect(harness.backend("stable").connectionCount == 1)
        }
    }
}
