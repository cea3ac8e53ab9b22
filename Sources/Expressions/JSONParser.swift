/// Reads JSON text into a `Value` for `fromJSON`: strict RFC 8259 JSON, one value, nested at most 64 deep as
/// Newtonsoft.Json's default reader allows. A key given twice keeps its last value.
struct JSONParser {
    /// Why a text is not JSON; the message names the UTF-8 byte offset where reading stopped.
    struct Failure: Error {
        var message: String
    }

    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The value `text` holds.
    static func parse(_ text: String) throws(Failure) -> Value {
        var parser = JSONParser(text)
        parser.skipWhiteSpace()
        let value = try parser.parseValue()
        parser.skipWhiteSpace()
        if parser.index < parser.bytes.count {
            throw parser.failure("unexpected \(parser.describeCurrent()) after the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(Failure) -> Value {
        guard index < bytes.count else {
            throw failure("unexpected end of JSON text, expected a value")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseWord("true", as: .bool(true))
        case UInt8(ascii: "f"): return try parseWord("false", as: .bool(false))
        case UInt8(ascii: "n"): return try parseWord("null", as: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected \(describeCurrent()), expected a JSON value")
        }
    }

    private mutating func parseObject() throws(Failure) -> Value {
        try enter()
        index += 1
        var members: [String: Value] = [:]
        skipWhiteSpace()
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeCurrent()), expected a string key")
            }
            let key = try parseString()
            skipWhiteSpace()
            guard consume(UInt8(ascii: ":")) else {
                throw failure("unexpected \(describeCurrent()), expected \":\"")
            }
            skipWhiteSpace()
            members[key] = try parseValue()
            skipWhiteSpace()
            if consume(UInt8(ascii: "}")) {
                depth -= 1
                return .object(members)
            }
            guard consume(UInt8(ascii: ",")) else {
                throw failure("unexpected \(describeCurrent()), expected \",\" or \"}\"")
            }
            skipWhiteSpace()
        }
    }

    private mutating func parseArray() throws(Failure) -> Value {
        try enter()
        index += 1
        var elements: [Value] = []
        skipWhiteSpace()
        if consume(UInt8(ascii: "]")) {
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhiteSpace()
            if consume(UInt8(ascii: "]")) {
                depth -= 1
                return .array(elements)
            }
            guard consume(UInt8(ascii: ",")) else {
                throw failure("unexpected \(describeCurrent()), expected \",\" or \"]\"")
            }
            skipWhiteSpace()
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = index
        index += 1
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let scalar = try parseEscape()
                UTF8.encode(scalar) { output.append($0) }
            case ..<0x20:
                throw failure("control character in a JSON string, expected it escaped")
            default:
                output.append(byte)
                index += 1
            }
        }
        index = start
        throw failure("unterminated JSON string, expected a closing '\"'")
    }

    /// One escape sequence starting at the backslash; a lone surrogate becomes U+FFFD.
    private mutating func parseEscape() throws(Failure) -> Unicode.Scalar {
        index += 1
        guard index < bytes.count else {
            throw failure("unexpected end of JSON text in an escape sequence")
        }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHexUnit()
            if UTF16.isLeadSurrogate(unit), bytes.count - index >= 6,
                bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            {
                let saved = index
                index += 2
                let trail = try parseHexUnit()
                if UTF16.isTrailSurrogate(trail) {
                    let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                index = saved
            }
            return Unicode.Scalar(UInt32(unit)) ?? "\u{FFFD}"
        default:
            index -= 2
            throw failure("invalid escape sequence in a JSON string")
        }
    }

    private mutating func parseHexUnit() throws(Failure) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = Character(Unicode.Scalar(bytes[index])).hexDigitValue else {
                throw failure("expected four hexadecimal digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(Failure) -> Value {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else if digits() == 0 {
            throw failure("invalid JSON number, expected a digit")
        }
        if consume(UInt8(ascii: ".")), digits() == 0 {
            throw failure("invalid JSON number, expected a digit after \".\"")
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if !consume(UInt8(ascii: "+")) {
                _ = consume(UInt8(ascii: "-"))
            }
            if digits() == 0 {
                throw failure("invalid JSON number, expected a digit in the exponent")
            }
        }
        return .number(Double(String(decoding: bytes[start..<index], as: UTF8.self)) ?? .nan)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            index += 1
        }
        return index - start
    }

    private mutating func parseWord(_ word: String, as value: Value) throws(Failure) -> Value {
        let utf8 = Array(word.utf8)
        guard bytes.count - index >= utf8.count, bytes[index..<(index + utf8.count)].elementsEqual(utf8) else {
            throw failure("unexpected \(describeCurrent()), expected a JSON value")
        }
        index += utf8.count
        return value
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maximumDepth {
            throw failure("JSON nested deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhiteSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of JSON text" }
        let scalar = String(decoding: bytes[index...].prefix(4), as: UTF8.self).unicodeScalars.first ?? "?"
        return "character \"\(scalar)\""
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: "invalid JSON at byte \(index): \(message)")
    }
}
