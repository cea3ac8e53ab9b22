import NIOCore

/// A client's request head, checked and understood: its framing, whether the client keeps the connection, and
/// the head the replica gets instead (hop-by-hop headers dropped, `X-Forwarded-For` extended).
struct ProxiedRequest {
    let head: MessageHead
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    let minorVersion: Int
    let framing: BodyFraming
    /// Whether the client wants the connection kept after the response.
    let keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending its body.
    let expectsContinue: Bool
    /// Whether the method may be sent twice (RFC 9110, 9.2.2) when the request has no body.
    let isReplayable: Bool
    /// Whether the method is HEAD, whose response has no body whatever its headers say.
    let isHead: Bool
    private let connection: ConnectionOptions

    init(_ head: MessageHead) throws(MessageHead.Malformed) {
        self.head = head
        guard let version = head.version(at: head.start.2), version.minor <= 1 else {
            throw MessageHead.Malformed(reason: "not an HTTP/1.0 or HTTP/1.1 request")
        }
        let methodOK = head.bytes.withUnsafeReadableBytes { raw in
            raw[head.start.0].allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: "-")
            }
        }
        guard methodOK else { throw MessageHead.Malformed(reason: "malformed method") }
        minorVersion = version.minor
        connection = ConnectionOptions(head)
        keepAlive = version.minor == 1 ? !connection.close : connection.keepAlive && !connection.close
        var contentLength: Int?
        var chunked = false
        var transferEncoding = false
        var expectsContinue = false
        for field in head.fields {
            if head.range(field.name, equals: "content-length") {
                guard let length = head.integer(field.value), contentLength == nil || contentLength == length
                else { throw MessageHead.Malformed(reason: "bad Content-Length") }
                contentLength = length
            } else if head.range(field.name, equals: "transfer-encoding") {
                transferEncoding = true
                chunked = head.endsWithChunked(field.value)
            } else if head.range(field.name, equals: "expect") {
                expectsContinue = head.range(field.value, equals: "100-continue")
            }
        }
        // A request with both, or with a coding the proxy cannot delimit, is how requests get smuggled.
        if transferEncoding && (!chunked || contentLength != nil || version.minor == 0) {
            throw MessageHead.Malformed(reason: "unsupported Transfer-Encoding")
        }
        framing = chunked ? .chunked : contentLength.map { $0 > 0 ? .length($0) : .none } ?? .none
        self.expectsContinue = expectsContinue && framing != .none
        let method = head.text(head.start.0)
        isHead = method == "HEAD"
        switch method {
        case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE": isReplayable = true
        default: isReplayable = false
        }
    }

    /// Writes the head the replica gets: same method, target and headers, minus hop-by-hop ones and `Expect`,
    /// with the client appended to `X-Forwarded-For`, `X-Forwarded-Proto: http` if absent, `Host` if absent, and
    /// `Connection: keep-alive` for an HTTP/1.0 request (sent as HTTP/1.0, so the reply needs no chunked coding).
    func writeUpstreamHead(into out: inout ByteBuffer, clientAddress: String?, endpoint: Endpoint) {
        var forwardedFor: Range<Int>?
        var hasHost = false
        var hasProto = false
        head.bytes.withUnsafeReadableBytes { raw in
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[head.start.0]))
            out.writeInteger(UInt8(ascii: " "))
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[head.start.1]))
            out.writeString(minorVersion == 1 ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n")
            for field in head.fields {
                let name = UnsafeRawBufferPointer(rebasing: raw[field.name])
                if name.count == 15 && name.equalsIgnoringASCIICase("x-forwarded-for") {
                    forwardedFor = field.value
                    continue
                }
                if name.count == 6 && name.equalsIgnoringASCIICase("expect") && expectsContinue { continue }
                if name.count == 4 && name.equalsIgnoringASCIICase("host") { hasHost = true }
                if name.count == 17 && name.equalsIgnoringASCIICase("x-forwarded-proto") { hasProto = true }
                if connection.drops(field, of: head) { continue }
                out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[field.line]))
            }
        }
        if let clientAddress {
            out.writeString("x-forwarded-for: ")
            if let forwardedFor { out.writeString(head.text(forwardedFor) + ", ") }
            out.writeString(clientAddress)
            out.writeString("\r\n")
        } else if let forwardedFor {
            out.writeString("x-forwarded-for: \(head.text(forwardedFor))\r\n")
        }
        if !hasProto { out.writeString("x-forwarded-proto: http\r\n") }
        if !hasHost { out.writeString("host: \(endpoint)\r\n") }
        if minorVersion == 0 { out.writeString("connection: keep-alive\r\n") }
        out.writeString("\r\n")
    }
}
