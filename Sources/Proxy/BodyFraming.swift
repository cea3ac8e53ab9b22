/// How a message's body is delimited (RFC 9112, section 6.3).
enum BodyFraming: Equatable {
    /// No body.
    case none
    /// Exactly this many bytes.
    case length(Int)
    /// Chunked transfer coding, up to its last chunk and trailers.
    case chunked
    /// Everything until the connection closes (responses only).
    case untilClose
}
