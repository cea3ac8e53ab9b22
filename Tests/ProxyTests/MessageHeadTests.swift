import NIOCore
import Testing

@testable import Proxy

@Suite("message heads: parsing and rewriting")
struct MessageHeadTests {
    private func request(_ text: String) throws -> ProxiedRequest {
        let buffer = ByteBuffer(string: text)
        #expect(MessageHead.length(in: buffer) == buffer.readableBytes)
        return try ProxiedRequest(MessageHead(parsing: buffer))
    }

    private func response(_ text: String, toHead: Bool = false) throws -> ProxiedResponse {
        try ProxiedResponse(MessageHead(parsing: ByteBuffer(string: text)), requestWasHead: toHead)
    }

    @Test("the replica's request head drops hop-by-hop headers and extends X-Forwarded-For")
    func upstreamHead() throws {
        let parsed = try request(
            "POST /a?b=1 HTTP/1.1\r\nHost: shop.test\r\nConnection: keep-alive, X-Secret\r\nKeep-Alive: timeout=5\r\n"
                + "X-Secret: 1\r\nTE: trailers\r\nUpgrade: h2c\r\nX-Forwarded-For: 203.0.113.7\r\n"
                + "Content-Length: 3\r\nCookie: a=b\r\n\r\n"
        )
        var out = ByteBuffer()
        parsed.writeUpstreamHead(into: &out, clientAddress: "127.0.0.1", endpoint: Endpoint(host: "10.0.0.9", port: 80))
        #expect(
            String(buffer: out)
                == "POST /a?b=1 HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 3\r\nCookie: a=b\r\n"
                + "x-forwarded-for: 203.0.113.7, 127.0.0.1\r\nx-forwarded-proto: http\r\n\r\n"
        )
        #expect(parsed.framing == .length(3))
        #expect(parsed.keepAlive)
    }

    @Test("an HTTP/1.0 request goes on as HTTP/1.0 with keep-alive, a Host and without Expect")
    func http10Head() throws {
        let parsed = try request("GET / HTTP/1.0\r\nConnection: close, content-length\r\n\r\n")
        var out = ByteBuffer()
        parsed.writeUpstreamHead(into: &out, clientAddress: nil, endpoint: Endpoint(host: "10.0.0.9", port: 80))
        #expect(
            String(buffer: out)
                == "GET / HTTP/1.0\r\nx-forwarded-proto: http\r\nhost: 10.0.0.9:80\r\nconnection: keep-alive\r\n\r\n"
        )
        #expect(!parsed.keepAlive)
        #expect(parsed.isReplayable)
    }

    @Test("the client's response head keeps end-to-end headers and says whether the connection stays")
    func clientHead() throws {
        let parsed = try response(
            "HTTP/1.1 404 Not Found\r\nServer: nginx\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
        )
        #expect(parsed.framing == .chunked)
        #expect(parsed.keepAlive)
        var out = ByteBuffer()
        parsed.writeClientHead(into: &out, clientMinorVersion: 1, keepAlive: false, setCookie: "v=canary; Path=/")
        #expect(
            String(buffer: out)
                == "HTTP/1.1 404 Not Found\r\nServer: nginx\r\nTransfer-Encoding: chunked\r\n"
                + "set-cookie: v=canary; Path=/\r\nconnection: close\r\n\r\n"
        )
    }

    @Test(
        "response framing follows RFC 9112, section 6.3",
        arguments: [
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", false, BodyFraming.length(5), true),
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true, .none, true),
            ("HTTP/1.1 204 No Content\r\n\r\n", false, .none, true),
            ("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", false, .none, true),
            ("HTTP/1.1 200 OK\r\n\r\n", false, .untilClose, false),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false, .untilClose, false),
            ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false, .none, false),
            ("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n", false, .length(2), false),
            ("HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\n\r\n", false, .length(2), true),
        ]
    )
    func responseFraming(text: String, toHead: Bool, framing: BodyFraming, keepAlive: Bool) throws {
        let parsed = try response(text, toHead: toHead)
        #expect(parsed.framing == framing)
        #expect(parsed.keepAlive == keepAlive)
    }

    @Test(
        "heads that could smuggle a request or that are not HTTP are refused",
        arguments: [
            "GET / HTTP/1.1\nHost: a\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "GET /\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\u{1}b\r\n\r\n",
        ]
    )
    func refused(text: String) {
        #expect(throws: MessageHead.Malformed.self) {
            try ProxiedRequest(MessageHead(parsing: ByteBuffer(string: text)))
        }
    }

    @Test("a head is complete only with its empty line")
    func headLength() {
        #expect(MessageHead.length(in: ByteBuffer(string: "GET / HTTP/1.1\r\nHost: a\r\n")) == nil)
        #expect(MessageHead.length(in: ByteBuffer(string: "GET / HTTP/1.1\r\n\r\nrest")) == 18)
    }

    @Test("cookies are found among others, in any Cookie header")
    func cookies() throws {
        let head = try MessageHead(
            parsing: ByteBuffer(
                string: "GET / HTTP/1.1\r\nCookie: a=1; gantry-version=canary ; b=2\r\ncookie: c=3\r\n\r\n")
        )
        #expect(head.cookie(named: "gantry-version") == "canary")
        #expect(head.cookie(named: "c") == "3")
        #expect(head.cookie(named: "gantry") == nil)
        #expect(head.value(of: "COOKIE") == "a=1; gantry-version=canary ; b=2")
    }
}
