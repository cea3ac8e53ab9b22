/// `--env-file` / `--secret-file` contents: `KEY=value` lines, `#` comments, an optional `export ` prefix,
/// single- or double-quoted values (double quotes understand `\n`), and `KEY<<DELIM` multi-line blocks.
public enum DotEnv {
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public static func parse(_ text: String) throws(Problem) -> [String: String] {
        var result: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var index = 0
        while index < lines.count {
            var line = lines[index].drop { $0 == " " || $0 == "\t" }
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop { $0 == " " } }
            if let heredoc = line.range(of: "<<"), !line[..<heredoc.lowerBound].contains("=") {
                let name = String(line[..<heredoc.lowerBound])
                let delimiter = String(line[heredoc.upperBound...])
                var body: [String] = []
                var closed = false
                while index < lines.count {
                    let next = lines[index]
                    index += 1
                    if next == delimiter { closed = true; break }
                    body.append(next)
                }
                guard closed else { throw Problem(line: index, message: "\"\(name)\" is not closed by a line \"\(delimiter)\"") }
                result[name] = body.joined(separator: "\n")
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw Problem(line: index, message: "expected KEY=value, found \"\(line)\"")
            }
            let key = line[..<equals].trimmingSpaces()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw Problem(line: index, message: "\"\(key)\" is not a valid variable name")
            }
            var value = line[line.index(after: equals)...].trimmingSpaces()
            if value.count >= 2, let first = value.first, (first == "\"" || first == "'"), value.last == first {
                value = String(value.dropFirst().dropLast())
                if first == "\"" { value = value.replacingEscapes() }
            } else if let hash = value.range(of: " #") {
                value = String(value[..<hash.lowerBound]).trimmingSpaces()
            }
            result[key] = value
        }
        return result
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    fileprivate func replacingEscapes() -> String {
        var result = ""
        var escaping = false
        for character in self {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
