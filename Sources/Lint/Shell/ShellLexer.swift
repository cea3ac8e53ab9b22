/// One token of a shell script: a word, an operator, or a line break.
struct ShellToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A word with its quotes removed; expansions (`$(…)`, `${…}`, `${{ … }}`) are kept as written.
        case word(String)
        /// A redirection with its target (`2>&1`, `> log`, `<<EOF`); never part of a command's arguments.
        case redirection
        /// `&&`, `||`, `|`, `|&`, `;`, `;;`, `&`, `(`, `)`.
        case `operator`(String)
        case newline
    }

    var kind: Kind
    /// UTF-8 offset of the token's first byte in the script.
    var offset: Int
}

/// Splits a POSIX shell script into tokens, as far as a linter needs: quotes, escapes, comments, line
/// continuations, command substitutions, GitHub `${{ }}` expressions and here-documents are understood, so an
/// operator inside any of them is never mistaken for one that joins commands.
struct ShellLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [ShellToken] = []
    /// Here-document delimiters whose bodies start after the current line: (delimiter, strips leading tabs).
    private var pendingHereDocuments: [String] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static func tokens(of bytes: [UInt8]) -> [ShellToken] {
        var lexer = ShellLexer(bytes)
        lexer.run()
        return lexer.tokens
    }

    private func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }

    /// `bytes[start..<end]`, clamped to the script: escapes and unclosed quotes can step past its end.
    private func slice(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        let upper = min(max(end, 0), bytes.count)
        return bytes[min(max(start, 0), upper)..<upper]
    }

    private mutating func run() {
        while let current = byte(index) {
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\\") where byte(index + 1) == UInt8(ascii: "\n"):
                index += 2
            case UInt8(ascii: "\n"):
                tokens.append(ShellToken(kind: .newline, offset: index))
                index += 1
                skipHereDocuments()
            case UInt8(ascii: "#"):
                while let next = byte(index), next != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "&") where byte(index + 1) == UInt8(ascii: ">"):
                redirection()
            case UInt8(ascii: ">"), UInt8(ascii: "<"):
                if byte(index + 1) == UInt8(ascii: "(") {
                    word()  // process substitution, a word
                } else {
                    redirection()
                }
            case UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"):
                operatorToken(current)
            default:
                word()
            }
        }
    }

    private mutating func operatorToken(_ first: UInt8) {
        let start = index
        let second = byte(index + 1)
        var text = String(UnicodeScalar(first))
        switch (first, second) {
        case (UInt8(ascii: "&"), UInt8(ascii: "&")?), (UInt8(ascii: "|"), UInt8(ascii: "|")?),
            (UInt8(ascii: "|"), UInt8(ascii: "&")?), (UInt8(ascii: ";"), UInt8(ascii: ";")?):
            text.append(Character(UnicodeScalar(second!)))
            index += 2
        default:
            index += 1
        }
        tokens.append(ShellToken(kind: .operator(text), offset: start))
    }

    /// `>`, `>>`, `>&`, `>|`, `<`, `<&`, `<>`, `&>`, `&>>`, `<<<`, `<<`, `<<-` and their target. A file descriptor
    /// number written right before the operator (`2>`) was read as a word and is folded in here.
    private mutating func redirection() {
        var start = index
        if case .word(let text)? = tokens.last?.kind, !text.isEmpty, text.allSatisfy(\.isNumber),
            let last = tokens.last, last.offset + text.utf8.count == index
        {
            start = last.offset
            tokens.removeLast()
        }
        var hereDocument = false
        if byte(index) == UInt8(ascii: "<"), byte(index + 1) == UInt8(ascii: "<"), byte(index + 2) != UInt8(ascii: "<")
        {
            hereDocument = true
            index += 2
            if byte(index) == UInt8(ascii: "-") { index += 1 }
        } else {
            while let next = byte(index),
                [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|")].contains(next)
            {
                index += 1
            }
        }
        while byte(index) == UInt8(ascii: " ") || byte(index) == UInt8(ascii: "\t") { index += 1 }
        if let next = byte(index), !isBreak(next) {
            let target = readWord()
            if hereDocument { pendingHereDocuments.append(target) }
        }
        tokens.append(ShellToken(kind: .redirection, offset: start))
    }

    private mutating func word() {
        let start = index
        tokens.append(ShellToken(kind: .word(readWord()), offset: start))
    }

    private func isBreak(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ";"),
            UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"),
            UInt8(ascii: ">"):
            true
        default: false
        }
    }

    /// Reads one word from `index`, removing quotes and keeping expansions as written.
    private mutating func readWord() -> String {
        var text: [UInt8] = []
        while let current = byte(index) {
            if isBreak(current) {
                // `<(…)` and `>(…)` at the start of a word are process substitutions.
                guard text.isEmpty, current == UInt8(ascii: "<") || current == UInt8(ascii: ">"),
                    byte(index + 1) == UInt8(ascii: "(")
                else { break }
                let start = index
                index += 1
                skipBalanced(open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
                text += slice(start, index)
                continue
            }
            switch current {
            case UInt8(ascii: "'"):
                let start = index + 1
                index = start
                while let next = byte(index), next != UInt8(ascii: "'") { index += 1 }
                text += slice(start, index)
                index += 1
            case UInt8(ascii: "\""):
                index += 1
                text += readDoubleQuoted()
            case UInt8(ascii: "\\"):
                if let escaped = byte(index + 1), escaped != UInt8(ascii: "\n") { text.append(escaped) }
                index += 2
            case UInt8(ascii: "$"):
                text += readDollar()
            case UInt8(ascii: "`"):
                let start = index
                index += 1
                skipUntil(UInt8(ascii: "`"))
                text += slice(start, index)
            default:
                text.append(current)
                index += 1
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The inside of `"…"` from after the opening quote; `index` ends after the closing quote.
    private mutating func readDoubleQuoted() -> [UInt8] {
        var text: [UInt8] = []
        while let current = byte(index) {
            switch current {
            case UInt8(ascii: "\""):
                index += 1
                return text
            case UInt8(ascii: "\\"):
                if let escaped = byte(index + 1) {
                    if ![
                        UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "`"),
                        UInt8(ascii: "\n"),
                    ].contains(escaped) {
                        text.append(current)
                    }
                    if escaped != UInt8(ascii: "\n") { text.append(escaped) }
                }
                index += 2
            case UInt8(ascii: "$"):
                text += readDollar()
            case UInt8(ascii: "`"):
                let start = index
                index += 1
                skipUntil(UInt8(ascii: "`"))
                text += slice(start, index)
            default:
                text.append(current)
                index += 1
            }
        }
        return text
    }

    /// `$(…)`, `$((…))`, `${…}`, `${{ … }}`, `$'…'` or a plain `$`, returned as written.
    private mutating func readDollar() -> [UInt8] {
        let start = index
        index += 1
        switch byte(index) {
        case UInt8(ascii: "(")?:
            skipBalanced(open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
        case UInt8(ascii: "{")? where byte(index + 1) == UInt8(ascii: "{"):
            while index < bytes.count, !(bytes[index] == UInt8(ascii: "}") && byte(index + 1) == UInt8(ascii: "}")) {
                index += 1
            }
            index = min(index + 2, bytes.count)
        case UInt8(ascii: "{")?:
            skipBalanced(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
        case UInt8(ascii: "'")?:
            index += 1
            while let next = byte(index), next != UInt8(ascii: "'") { index += next == UInt8(ascii: "\\") ? 2 : 1 }
            index = min(index + 1, bytes.count)
            // ANSI-C quoting: drop `$'` and `'` so the word reads as its text.
            return Array(slice(start + 2, index - 1))
        default:
            break
        }
        return Array(slice(start, index))
    }

    /// From an opening bracket at `index`, moves past its matching close, skipping quoted text.
    private mutating func skipBalanced(open: UInt8, close: UInt8) {
        var depth = 0
        while let current = byte(index) {
            switch current {
            case open: depth += 1
            case close:
                depth -= 1
                if depth == 0 {
                    index += 1
                    return
                }
            case UInt8(ascii: "'"):
                index += 1
                skipUntil(UInt8(ascii: "'"))
                continue
            case UInt8(ascii: "\""):
                index += 1
                _ = readDoubleQuoted()
                continue
            case UInt8(ascii: "\\"):
                index += 1
            default: break
            }
            index += 1
        }
    }

    /// Moves past the next unescaped `terminator`.
    private mutating func skipUntil(_ terminator: UInt8) {
        while let current = byte(index) {
            index += current == UInt8(ascii: "\\") && terminator != UInt8(ascii: "'") ? 2 : 1
            if current == terminator { return }
        }
    }

    /// After a line break, skips the bodies of the here-documents opened on the line that just ended. Leading
    /// white space is ignored on the delimiter line: workflow scripts are often indented, and over-reading a body
    /// would hide the rest of the script.
    private mutating func skipHereDocuments() {
        while !pendingHereDocuments.isEmpty {
            let delimiter = pendingHereDocuments.removeFirst()
            while index < bytes.count {
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let blank: (UInt8) -> Bool = {
                    $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r")
                }
                let line = bytes[index..<end].drop(while: blank).reversed().drop(while: blank).reversed()
                index = min(end + 1, bytes.count)
                if line.elementsEqual(delimiter.utf8) { break }
            }
        }
    }
}
