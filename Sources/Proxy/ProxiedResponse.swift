import NIOCore

/// A replica's response head, checked and understood: its status, framing, whether the replica keeps the
/// connection, and the head the client gets instead.
struct ProxiedResponse {
    let head: MessageHead
    let status: Int
    let framing: BodyFraming
    /// Whether the replica connection can carry another request after this response.
    let keepAlive: Bool
    private let connection: ConnectionOptions

    /// Understands a response head; `requestWasHead` because a response to HEAD has no body whatever it says.
    init(_ head: MessageHead, requestWasHead: Bool) throws(MessageHead.Malformed) {
        self.head = head
        guard let version = head.version(at: head.start.0), head.start.1.count == 3,
            let status = head.integer(head.start.1), (100...999).contains(status)
        else { throw MessageHead.Malformed(reason: "not an HTTP/1.x status line") }
        self.status = status
        connection = ConnectionOptions(head)
        var contentLength: Int?
        var chunked = false
        var transferEncoding = false
        for field in head.fields {
            if head.range(field.name, equals: "content-length") {
                guard let length = head.integer(field.value), contentLength == nil || contentLength == length
                else { throw MessageHead.Malformed(reason: "bad Content-Length") }
                contentLength = length
            } else if head.range(field.name, equals: "transfer-encoding") {
                transferEncoding = true
                chunked = head.endsWithChunked(field.value)
            }
        }
        if requestWasHead || status < 200 || status == 204 || status == 304 {
            framing = .none
        } else if transferEncoding {
            framing = chunked ? .chunked : .untilClose
        } else if let contentLength {
            framing = contentLength > 0 ? .length(contentLength) : .none
        } else {
            framing = .untilClose
        }
        let persistent = version.minor == 1 ? !connection.close : connection.keepAlive && !connection.close
        keepAlive = persistent && framing != .untilClose
    }

    /// Whether this is an interim (1xx) response, which the proxy drops: it answers `Expect` itself and refuses
    /// upgrades.
    var isInterim: Bool { status < 200 }

    /// Writes the head the client gets: the client's HTTP version, the same status and headers minus hop-by-hop
    /// ones, the sticky cookie if one is assigned, and `Connection: close` (or `keep-alive` for HTTP/1.0 clients)
    /// as `keepAlive` says.
    func writeClientHead(into out: inout ByteBuffer, clientMinorVersion: Int, keepAlive: Bool, setCookie: String?) {
        out.writeString(clientMinorVersion == 1 ? "HTTP/1.1 " : "HTTP/1.0 ")
        head.bytes.withUnsafeReadableBytes { raw in
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[head.start.1]))
            out.writeInteger(UInt8(ascii: " "))
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[head.start.2]))
            out.writeString("\r\n")
            for field in head.fields where !connection.drops(field, of: head) {
                out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[field.line]))
            }
        }
        if let setCookie { out.writeString("set-cookie: \(setCookie)\r\n") }
        if !keepAlive {
            out.writeString("connection: close\r\n")
        } else if clientMinorVersion == 0 {
            out.writeString("connection: keep-alive\r\n")
        }
        out.writeString("\r\n")
    }
}
