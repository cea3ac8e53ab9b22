import NIOHTTP1

/// The header rules of a forwarding proxy (RFC 9110, section 7.6.1): headers that describe one connection are not
/// passed on, nor are the headers the `Connection` header names.
///
/// `Transfer-Encoding` is left in place: the decoders remove the chunked framing and the encoders put it back
/// (or use `Content-Length`), so the header always matches the bytes sent. Runs on every request and response, so
/// it compares bytes instead of building lower-cased copies.
enum HopByHopHeaders {
    /// Removes the hop-by-hop headers, and those that `Connection` lists; allocates nothing when there are none.
    static func remove(from headers: inout HTTPHeaders) {
        var found: [String] = []
        for header in headers where isHopByHop(header.name) {
            found.append(header.name)
            guard header.name.equalsIgnoringASCIICase("connection") else { continue }
            for token in header.value.split(separator: ",") {
                let name = token.trimmingSpaces()
                if !name.isEmpty && !isHopByHop(name) && !isEndToEnd(name) { found.append(String(name)) }
            }
        }
        for name in found { headers.remove(name: name) }
    }

    static func isHopByHop<Name: StringProtocol>(_ name: Name) -> Bool {
        switch name.utf8.count {
        case 2: name.equalsIgnoringASCIICase("te")
        case 7: name.equalsIgnoringASCIICase("trailer") || name.equalsIgnoringASCIICase("upgrade")
        case 10: name.equalsIgnoringASCIICase("connection") || name.equalsIgnoringASCIICase("keep-alive")
        case 16: name.equalsIgnoringASCIICase("proxy-connection")
        case 18: name.equalsIgnoringASCIICase("proxy-authenticate")
        case 19: name.equalsIgnoringASCIICase("proxy-authorization")
        default: false
        }
    }

    /// Headers a `Connection` header may name but that must survive (the framing and `Host`), and `close`.
    private static func isEndToEnd(_ name: Substring) -> Bool {
        name.equalsIgnoringASCIICase("content-length") || name.equalsIgnoringASCIICase("transfer-encoding")
            || name.equalsIgnoringASCIICase("host") || name.equalsIgnoringASCIICase("close")
    }
}

extension StringProtocol {
    /// Whether the text equals `lowercase` (lower-case letters, digits and `-` only) when ASCII case is ignored.
    func equalsIgnoringASCIICase(_ lowercase: StaticString) -> Bool {
        guard utf8.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            var index = 0
            for byte in utf8 {
                // Setting bit 5 lower-cases ASCII letters and leaves digits and '-' alone. The only other bytes it
                // maps onto those are control characters, which a header name cannot hold.
                guard byte | 0x20 == expected[index] else { return false }
                index += 1
            }
            return true
        }
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
