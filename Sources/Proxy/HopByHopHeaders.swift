/// The header rules of a forwarding proxy (RFC 9110, section 7.6.1): headers that describe one connection are not
/// passed on, nor are the headers the `Connection` header names.
///
/// `Transfer-Encoding` and `Trailer` pass: bodies are forwarded byte for byte, chunked coding and trailers
/// included. Runs on every request and response, so it compares bytes instead of building strings.
enum HopByHopHeaders {
    /// Whether a header name (raw bytes) is hop-by-hop.
    static func isHopByHop(_ name: UnsafeRawBufferPointer) -> Bool {
        switch name.count {
        case 2: name.equalsIgnoringASCIICase("te")
        case 7: name.equalsIgnoringASCIICase("upgrade")
        case 10: name.equalsIgnoringASCIICase("connection") || name.equalsIgnoringASCIICase("keep-alive")
        case 16: name.equalsIgnoringASCIICase("proxy-connection")
        case 18: name.equalsIgnoringASCIICase("proxy-authenticate")
        case 19: name.equalsIgnoringASCIICase("proxy-authorization")
        default: false
        }
    }

    /// Whether a header that a `Connection` header names must pass all the same: the framing headers and `Host`.
    static func isProtected(_ name: Substring) -> Bool {
        let lowered = name.lowercased()
        return lowered == "content-length" || lowered == "transfer-encoding" || lowered == "host"
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
