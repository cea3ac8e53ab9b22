import Proxy
import Testing

@Suite("body framing through the proxy", .timeLimit(.minutes(1)))
struct FramingTests {
    @Test("a chunked request body reaches the replica whole, split anywhere")
    func chunkedRequest() async throws {
        try await ProxyHarness.run { harness in
            let connection = try await RawConnection.connect(port: harness.port)
            try await connection.send("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
            try await connection.send("lo\r\n7;x=y\r\n, world\r\n0\r\n\r\n")
            let text = await connection.receive(until: "hello, world")
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.hasSuffix("\r\n\r\nhello, world"))
            await connection.close()
        }
    }

    @Test("a response to HEAD has no body, and the connection goes on")
    func head() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let response = try await client.request(.HEAD, "/")
            #expect(response.status == 200)
            #expect(response.header("content-length") == "6")
            #expect(response.body.readableBytes == 0)
            #expect(try await client.request().text == "stable")
            #expect(harness.backend("stable").connectionCount == 1)
            await client.close()
        }
    }

    @Test("a response delimited by the replica closing is passed on and then the client connection is closed")
    func untilClose() async throws {
        try await ProxyHarness.run { harness in
            let client = try await harness.client()
            let response = try await client.request(.GET, "/eof")
            #expect(response.status == 200)
            #expect(response.text == "until the end")
            #expect(response.header("connection") == "close")
            await client.waitUntilClosed()
            #expect(harness.proxy.metrics()["stable"]?.total.success == 1)
        }
    }
}
