/// Follows a body in the chunked transfer coding (RFC 9112, section 7.1) as it streams through, without changing a
/// byte, to find where the message ends. Bytes may arrive split anywhere.
struct ChunkedScanner {
    /// The body is not valid chunked coding.
    struct Malformed: Error {}

    private enum State {
        case size
        case sizeExtension
        case sizeLineFeed
        case data(Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerLine
        case trailerLineFeed
        case finalLineFeed
        case done
    }

    private var state = State.size
    private var size = 0
    private var sawDigit = false

    /// Whether the last chunk and the trailers have been seen.
    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Reads bytes of the body; returns how many belong to it (fewer than given only once it is complete).
    mutating func scan(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> Int {
        var index = 0
        while index < bytes.count {
            if case .data(let remaining) = state {
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = taken == remaining ? .dataCarriageReturn : .data(remaining - taken)
                continue
            }
            let byte = bytes[index]
            index += 1
            switch state {
            case .size:
                if let digit = Self.hexValue(byte) {
                    guard size <= (Int.max >> 4) else { throw Malformed() }
                    size = size << 4 | digit
                    sawDigit = true
                } else if sawDigit && (byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09) {
                    state = .sizeExtension
                } else if sawDigit && byte == UInt8(ascii: "\r") {
                    state = .sizeLineFeed
                } else {
                    throw Malformed()
                }
            case .sizeExtension:
                if byte == UInt8(ascii: "\r") {
                    state = .sizeLineFeed
                } else if byte == UInt8(ascii: "\n") {
                    throw Malformed()
                }
            case .sizeLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw Malformed() }
                state = size == 0 ? .trailerLineStart : .data(size)
                size = 0
                sawDigit = false
            case .dataCarriageReturn:
                guard byte == UInt8(ascii: "\r") else { throw Malformed() }
                state = .dataLineFeed
            case .dataLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw Malformed() }
                state = .size
            case .trailerLineStart:
                state = byte == UInt8(ascii: "\r") ? .finalLineFeed : .trailerLine
            case .trailerLine:
                if byte == UInt8(ascii: "\r") {
                    state = .trailerLineFeed
                } else if byte == UInt8(ascii: "\n") {
                    throw Malformed()
                }
            case .trailerLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw Malformed() }
                state = .trailerLineStart
            case .finalLineFeed:
                guard byte == UInt8(ascii: "\n") else { throw Malformed() }
                state = .done
                return index
            case .data, .done:
                return index - 1
            }
        }
        return index
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
