import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ProxyHandler {
    /// Rewrites a client's request headers for the replica: drops hop-by-hop headers, appends the client to
    /// `X-Forwarded-For`, sets `X-Forwarded-Proto` if absent, keeps `Host` (adding the replica's address when the
    /// client sent none) and takes `Expect: 100-continue` upon the proxy itself. Returns whether the client
    /// expects a `100 Continue`.
    func prepareUpstreamHeaders(_ headers: inout HTTPHeaders, endpoint: Endpoint) -> Bool {
        HopByHopHeaders.remove(from: &headers)
        var expectsContinue = false
        var hasHost = false
        var forwardedFor: String?
        var hasProto = false
        for header in headers {
            switch header.name.utf8.count {
            case 4 where header.name.equalsIgnoringASCIICase("host"):
                hasHost = true
            case 6 where header.name.equalsIgnoringASCIICase("expect"):
                expectsContinue = header.value.equalsIgnoringASCIICase("100-continue")
            case 15 where header.name.equalsIgnoringASCIICase("x-forwarded-for"):
                forwardedFor = header.value
            case 17 where header.name.equalsIgnoringASCIICase("x-forwarded-proto"):
                hasProto = true
            default:
                break
            }
        }
        if expectsContinue { headers.remove(name: "expect") }
        if let client = clientAddressForHeaders {
            if let forwardedFor {
                headers.replaceOrAdd(name: "x-forwarded-for", value: forwardedFor + ", " + client)
            } else {
                headers.add(name: "x-forwarded-for", value: client)
            }
        }
        if !hasProto { headers.add(name: "x-forwarded-proto", value: "http") }
        if !hasHost { headers.add(name: "host", value: endpoint.description) }
        return expectsContinue
    }
}

extension HTTPMethod {
    /// Methods that may be sent twice without changing the outcome, when they carry no body (RFC 9110, 9.2.2).
    var isReplayable: Bool {
        switch self {
        case .GET, .HEAD, .OPTIONS, .TRACE, .PUT, .DELETE: true
        default: false
        }
    }
}

/// Wall-clock time in whole seconds, for the per-second metric buckets.
enum UnixTime {
    static func nowSeconds() -> Int64 {
        Int64(time(nil))
    }
}
