import Proxy
import Testing

@Suite("pipelining, bad requests and 100-continue, byte for byte", .timeLimit(.minutes(1)))
struct RawHTTPTests {
    @Test("pipelined requests are answered in order, the second only after the first")
    func pipelining() async throws {
        try await ProxyHarness.run { harness in
            let connection = try await RawConnection.connect(port: harness.port)
            try await connection.send(
                "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/202 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/203 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
            )
            var arrivals = harness.backend("stable").arrivals.makeAsyncIterator()
            _ = await arrivals.next()
            // The replica holds the first request: the others must not have reached it.
            #expect(harness.backend("stable").requestCount == 1)
            harness.backend("stable").release()
            let text = await connection.receiveUntilClosed()
            // The bodies end without a newline, so status lines are found by their text, not by line.
            let statuses = text.split(separator: "HTTP/1.1 ").map { $0.prefix(3) }
            #expect(statuses == ["200", "202", "203"])
            #expect(harness.backend("stable").requestCount == 3)
        }
    }

    @Test("a request that is not HTTP gets a 400 and the connection is closed")
    func notHTTP() async throws {
        try await ProxyHarness.run { harness in
            let connection = try await RawConnection.connect(port: harness.port)
            try await connection.send("HELLO THERE\r\n\r\n")
            let text = await connection.receiveUntilClosed()
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(text.lowercased().contains("connection: close\r\n"))
            #expect(harness.backend("stable").requestCount == 0)
        }
    }

    @Test("Expect: 100-continue is answered by the proxy, then the body goes through")
    func expectContinue() async throws {
        try await ProxyHarness.run { harness in
            let connection = try await RawConnection.connect(port: harness.port)
            try await connection.send(
                "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
            )
            #expect(await connection.receive(until: "\r\n\r\n").hasPrefix("HTTP/1.1 100 Continue\r\n"))
            try await connection.send("hello")
            let text = await connection.receive(until: "hello")
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.hasSuffix("\r\n\r\nhello"))
            await connection.close()
        }
    }
}
