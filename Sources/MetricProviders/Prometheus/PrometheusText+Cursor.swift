extension PrometheusText {
    /// Reads one line of exposition format from left to right.
    struct Cursor {
        /// The 1-based line number, for errors.
        let line: Int
        /// The rest of the line still to read.
        private(set) var remainder: Substring

        init(line: Int, text: Substring) {
            self.line = line
            self.remainder = text
        }

        var atEnd: Bool { remainder.isEmpty }
        var peek: Character? { remainder.first }

        mutating func advance() { remainder = remainder.dropFirst() }

        mutating func skipSpaces() {
            remainder = remainder.drop { $0 == " " || $0 == "\t" }
        }

        /// Reads up to the next space.
        mutating func readWord() -> Substring {
            let word = remainder.prefix { $0 != " " && $0 != "\t" }
            remainder = remainder.dropFirst(word.count)
            return word
        }

        func error(_ message: String) -> ParseError {
            ParseError(line: line, message: message)
        }

        /// Reads a metric or label name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
        mutating func readName() throws(ParseError) -> String {
            let name = remainder.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
            guard let first = name.first, !first.isNumber else {
                throw error("expected a metric or label name, found \"\(remainder.prefix(20))\"")
            }
            remainder = remainder.dropFirst(name.count)
            return String(name)
        }

        /// Reads `name{labels} value [timestamp]`.
        mutating func readSample() throws(ParseError) -> Sample {
            let name = try readName()
            skipSpaces()
            var labels: [String: String] = [:]
            if peek == "{" {
                labels = try readLabels()
                skipSpaces()
            }
            let valueText = readWord()
            guard !valueText.isEmpty else { throw error("sample \"\(name)\" has no value") }
            guard let value = parseNumber(String(valueText)) else {
                throw error("sample \"\(name)\" has value \"\(valueText)\", which is not a number")
            }
            skipSpaces()
            var timestamp: Int64?
            if !atEnd {
                let text = readWord()
                guard let parsed = Int64(text) else {
                    throw error("sample \"\(name)\" has timestamp \"\(text)\", which is not an integer")
                }
                timestamp = parsed
                skipSpaces()
                guard atEnd else { throw error("unexpected \"\(remainder)\" after the sample \"\(name)\"") }
            }
            return Sample(name: name, labels: labels, value: value, timestamp: timestamp)
        }

        /// Reads `{a="x",b="y",}`.
        private mutating func readLabels() throws(ParseError) -> [String: String] {
            advance()
            var labels: [String: String] = [:]
            while true {
                skipSpaces()
                if peek == "}" {
                    advance()
                    return labels
                }
                let name = try readName()
                skipSpaces()
                guard peek == "=" else { throw error("expected \"=\" after the label \"\(name)\"") }
                advance()
                skipSpaces()
                labels[name] = try readQuoted(label: name)
                skipSpaces()
                if peek == "," {
                    advance()
                } else if peek != "}" {
                    throw error("expected \",\" or \"}\" after the label \"\(name)\"")
                }
            }
        }

        /// Reads a double-quoted label value, undoing `\\`, `\"` and `\n`.
        private mutating func readQuoted(label: String) throws(ParseError) -> String {
            guard peek == "\"" else { throw error("the value of the label \"\(label)\" is not quoted") }
            advance()
            var value = ""
            while let character = peek {
                advance()
                switch character {
                case "\"":
                    return value
                case "\\":
                    guard let escaped = peek else { break }
                    advance()
                    switch escaped {
                    case "n": value.append("\n")
                    case "\\", "\"": value.append(escaped)
                    default: value.append(contentsOf: "\\\(escaped)")
                    }
                default:
                    value.append(character)
                }
            }
            throw error("the value of the label \"\(label)\" has no closing quote")
        }
    }
}
