import NIOCore

/// One HTTP/1.x message head (request or response), parsed in place: the start line's three parts and each header
/// line, as byte ranges into `bytes`. Only what the proxy needs is turned into strings, and only when asked.
///
/// The parser is strict where a lenient one would open the door to request smuggling: lines end with CRLF, no
/// obsolete line folding, no control characters, header names are tokens.
struct MessageHead {
    /// One header line.
    struct Field {
        /// The name's bytes.
        var name: Range<Int>
        /// The value's bytes, without surrounding spaces.
        var value: Range<Int>
        /// The whole line, with its CRLF, for copying it unchanged.
        var line: Range<Int>
    }

    /// Why a head was refused.
    struct Malformed: Error {
        var reason: String
    }

    /// The head's bytes, from the first byte of the start line to the end of the empty line.
    var bytes: ByteBuffer
    /// For a request: method, target, version. For a response: version, status code, reason phrase.
    var start: (Range<Int>, Range<Int>, Range<Int>)
    var fields: [Field]

    /// The largest head accepted; a longer one is refused.
    static let maximumSize = 65_536

    /// The length of the head at the start of `buffer` (through its empty line), or `nil` when it is not complete.
    static func length(in buffer: ByteBuffer) -> Int? {
        buffer.withUnsafeReadableBytes { bytes in
            guard bytes.count >= 4 else { return nil }
            var index = 3
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    if bytes[index - 1] == UInt8(ascii: "\r") && bytes[index - 2] == UInt8(ascii: "\n")
                        && bytes[index - 3] == UInt8(ascii: "\r")
                    {
                        return index + 1
                    }
                    index += 1
                } else if byte == UInt8(ascii: "\r") {
                    index += 1
                } else {
                    // No CRLFCRLF can end within the next three bytes.
                    index += 4
                }
            }
            return nil
        }
    }

    /// Parses a complete head (as `length(in:)` delimited it).
    init(parsing head: ByteBuffer) throws(Malformed) {
        bytes = head
        var fields: [Field] = []
        let result: (Range<Int>, Range<Int>, Range<Int>)? = head.withUnsafeReadableBytes { raw in
            var lineStart = 0
            var start: (Range<Int>, Range<Int>, Range<Int>)?
            while lineStart < raw.count {
                guard let lineEnd = Self.lineEnd(raw, from: lineStart) else { return nil }
                if lineEnd == lineStart { break }
                if start == nil {
                    start = Self.startLine(raw, lineStart..<lineEnd)
                    if start == nil { return nil }
                } else {
                    guard let field = Self.field(raw, lineStart..<lineEnd) else { return nil }
                    fields.append(field)
                }
                lineStart = lineEnd + 2
            }
            return start
        }
        guard let result else { throw Malformed(reason: "malformed message head") }
        start = result
        self.fields = fields
    }

    private static func lineEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index + 1 < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "\r") { return raw[index + 1] == UInt8(ascii: "\n") ? index : nil }
            // Control characters (a bare LF among them) have no place in a head; a tab does.
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return nil }
            index += 1
        }
        return nil
    }

    private static func startLine(_ raw: UnsafeRawBufferPointer, _ line: Range<Int>) -> (
        Range<Int>, Range<Int>, Range<Int>
    )? {
        guard let firstSpace = raw[line].firstIndex(of: UInt8(ascii: " ")), firstSpace > line.lowerBound else {
            return nil
        }
        let rest = (firstSpace + 1)..<line.upperBound
        let secondSpace = raw[rest].firstIndex(of: UInt8(ascii: " ")) ?? line.upperBound
        guard secondSpace > rest.lowerBound else { return nil }
        let third = min(secondSpace + 1, line.upperBound)..<line.upperBound
        return (line.lowerBound..<firstSpace, rest.lowerBound..<secondSpace, third)
    }

    private static func field(_ raw: UnsafeRawBufferPointer, _ line: Range<Int>) -> Field? {
        guard let colon = raw[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else { return nil }
        for index in line.lowerBound..<colon where !isTokenCharacter(raw[index]) { return nil }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd && (raw[valueStart] == 0x20 || raw[valueStart] == 0x09) { valueStart += 1 }
        while valueEnd > valueStart && (raw[valueEnd - 1] == 0x20 || raw[valueEnd - 1] == 0x09) { valueEnd -= 1 }
        return Field(
            name: line.lowerBound..<colon, value: valueStart..<valueEnd, line: line.lowerBound..<(line.upperBound + 2))
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    // MARK: - Reading parts

    /// The text of a range of the head.
    func text(_ range: Range<Int>) -> String {
        bytes.getString(at: bytes.readerIndex + range.lowerBound, length: range.count) ?? ""
    }

    /// Whether a range of the head equals `lowercase` when ASCII case is ignored.
    func range(_ range: Range<Int>, equals lowercase: StaticString) -> Bool {
        guard range.count == lowercase.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeReadableBytes { raw in
            UnsafeRawBufferPointer(rebasing: raw[range]).equalsIgnoringASCIICase(lowercase)
        }
    }

    /// The value of the first header called `name` (any case), as text.
    func value(of name: String) -> String? {
        let target = Array(name.utf8)
        return bytes.withUnsafeReadableBytes { raw -> Range<Int>? in
            for field in fields where field.name.count == target.count {
                if zip(raw[field.name], target).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) { return field.value }
            }
            return nil
        }.map(text)
    }

    /// The value of the first cookie called `name` in the `Cookie` headers.
    func cookie(named name: String) -> String? {
        for field in fields where range(field.name, equals: "cookie") {
            for pair in text(field.value).split(separator: ";") {
                let trimmed = pair.drop(while: { $0 == " " })
                guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
                var value = trimmed[trimmed.index(after: equals)...]
                while value.last == " " { value = value.dropLast() }
                return String(value)
            }
        }
        return nil
    }

    /// The decimal number a range holds (digits only), or `nil`.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        return bytes.withUnsafeReadableBytes { raw in
            var value = 0
            for byte in raw[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    /// The comma-separated elements of a header value (`a, b ,c`), without surrounding spaces; empty ones skipped.
    func elements(of range: Range<Int>) -> [Range<Int>] {
        bytes.withUnsafeReadableBytes { raw in
            var result: [Range<Int>] = []
            var start = range.lowerBound
            while start <= range.upperBound {
                var end = start
                while end < range.upperBound && raw[end] != UInt8(ascii: ",") { end += 1 }
                var low = start
                var high = end
                while low < high && (raw[low] == 0x20 || raw[low] == 0x09) { low += 1 }
                while high > low && (raw[high - 1] == 0x20 || raw[high - 1] == 0x09) { high -= 1 }
                if low < high { result.append(low..<high) }
                start = end + 1
            }
            return result
        }
    }

    /// Whether the last element of a `Transfer-Encoding` value is `chunked`.
    func endsWithChunked(_ range: Range<Int>) -> Bool {
        elements(of: range).last.map { self.range($0, equals: "chunked") } ?? false
    }

    /// The version in the start line (request: third part, response: first part), or `nil` if it is not HTTP/1.x.
    func version(at range: Range<Int>) -> (major: Int, minor: Int)? {
        guard range.count == 8 else { return nil }
        return bytes.withUnsafeReadableBytes { raw in
            let part = raw[range]
            guard part.starts(with: "HTTP/1.".utf8), let last = part.last,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last)
            else { return nil }
            return (1, Int(last - UInt8(ascii: "0")))
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether the bytes equal `lowercase` (lower-case letters, digits and `-` only) when ASCII case is ignored.
    func equalsIgnoringASCIICase(_ lowercase: StaticString) -> Bool {
        guard count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            for index in 0..<count where self[index] | 0x20 != expected[index] { return false }
            return true
        }
    }
}
