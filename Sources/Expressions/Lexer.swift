/// Splits expression source into tokens the way GitHub's lexer does, working on UTF-8 bytes without regular
/// expressions.
///
/// Words run until white space or one of `( [ ) ] , . ! > < = & |`. A word starting with a digit, `+` or `-`
/// (or `.` where an operand is expected) is a number; any other word must be a legal keyword: a letter or `_`
/// followed by letters, digits, `_` or `-`. Problems become `.invalid` tokens so that the parser reports them
/// in source order with everything else.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0

    /// The tokens of `bytes`, ending with one `.end` token.
    static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var lexer = Lexer(bytes: bytes)
        var tokens: [Token] = []
        var previous: Token?
        while true {
            let token = lexer.next(after: previous)
            tokens.append(token)
            if token.kind == .end {
                return tokens
            }
            previous = token
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func next(after previous: Token?) -> Token {
        skipWhiteSpace()
        let start = index
        guard index < bytes.count else {
            return Token(kind: .end, start: start, end: start)
        }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "("): return single(.leftParenthesis)
        case UInt8(ascii: ")"): return single(.rightParenthesis)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "*"): return single(.star)
        case UInt8(ascii: "'"): return readString()
        case UInt8(ascii: "\""): return readDoubleQuoted()
        case UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "&"),
            UInt8(ascii: "|"):
            return readOperator()
        case UInt8(ascii: "."):
            if previous?.expectsOperandAfter ?? true {
                return readNumber()
            }
            return single(.dot)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return readNumber()
        default:
            return readKeyword()
        }
    }

    private mutating func single(_ kind: Token.Kind) -> Token {
        index += 1
        return Token(kind: kind, start: index - 1, end: index)
    }

    private mutating func readOperator() -> Token {
        let start = index
        let first = bytes[index]
        let second = index + 1 < bytes.count ? bytes[index + 1] : 0
        let pair: Token.Kind? =
            switch (first, second) {
            case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
            case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterOrEqual
            case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessOrEqual
            case (UInt8(ascii: "="), UInt8(ascii: "=")): .equal
            case (UInt8(ascii: "&"), UInt8(ascii: "&")): .and
            case (UInt8(ascii: "|"), UInt8(ascii: "|")): .or
            default: nil
            }
        if let pair {
            index += 2
            return Token(kind: pair, start: start, end: index)
        }
        index += 1
        switch first {
        case UInt8(ascii: "!"): return Token(kind: .not, start: start, end: index)
        case UInt8(ascii: ">"): return Token(kind: .greater, start: start, end: index)
        case UInt8(ascii: "<"): return Token(kind: .less, start: start, end: index)
        default:
            let single = String(UnicodeScalar(first))
            let message = "unexpected token \"\(single)\", expected \"\(single)\(single)\""
            return Token(kind: .invalid(message: message), start: start, end: index)
        }
    }

    private mutating func readString() -> Token {
        let start = index
        index += 1
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "'") {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "'") else {
                    return Token(kind: .string(String(decoding: content, as: UTF8.self)), start: start, end: index)
                }
                index += 1
            }
            content.append(byte)
        }
        let message = "unterminated string literal, expected a closing \"'\""
        return Token(kind: .invalid(message: message), start: start, end: index)
    }

    private mutating func readDoubleQuoted() -> Token {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += 1
        }
        index = min(index + 1, bytes.count)
        let message = "unexpected double-quoted string, expected a single-quoted string such as 'text'"
        return Token(kind: .invalid(message: message), start: start, end: index)
    }

    private mutating func readNumber() -> Token {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] == UInt8(ascii: ".") || !isBoundary(at: index) {
            index += 1
        }
        let raw = String(decoding: bytes[start..<index], as: UTF8.self)
        let value = NumberParser.parse(raw)
        if value.isNaN {
            return Token(kind: .invalid(message: "invalid number \"\(raw)\""), start: start, end: index)
        }
        return Token(kind: .number(value), start: start, end: index)
    }

    private mutating func readKeyword() -> Token {
        let start = index
        index += 1
        while index < bytes.count, !isBoundary(at: index) {
            index += 1
        }
        let word = bytes[start..<index]
        let raw = String(decoding: word, as: UTF8.self)
        guard Lexer.isLegalKeyword(word) else {
            return Token(kind: .invalid(message: "unexpected token \"\(raw)\""), start: start, end: index)
        }
        switch raw {
        case "NaN": return Token(kind: .number(.nan), start: start, end: index)
        case "Infinity": return Token(kind: .number(.infinity), start: start, end: index)
        default: return Token(kind: .identifier(raw), start: start, end: index)
        }
    }

    /// A letter or `_`, then letters, digits, `_` or `-`, all ASCII.
    static func isLegalKeyword(_ word: ArraySlice<UInt8>) -> Bool {
        guard let first = word.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return word.dropFirst().allSatisfy { byte in
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func isBoundary(at position: Int) -> Bool {
        switch bytes[position] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ","),
            UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="),
            UInt8(ascii: "&"), UInt8(ascii: "|"):
            true
        default:
            whiteSpaceLength(at: position) > 0
        }
    }

    private mutating func skipWhiteSpace() {
        while index < bytes.count {
            let length = whiteSpaceLength(at: index)
            guard length > 0 else { return }
            index += length
        }
    }

    /// The byte length of the white-space character at `position`, or 0 if there is none there.
    private func whiteSpaceLength(at position: Int) -> Int {
        let byte = bytes[position]
        if byte < 0x80 {
            return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0
        }
        var decoder = UTF8()
        var iterator = bytes[position...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.properties.isWhitespace else {
            return 0
        }
        return UTF8.width(scalar)
    }
}
