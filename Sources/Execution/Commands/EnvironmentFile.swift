/// Reads the runner files a step writes to (`GITHUB_ENV`, `GITHUB_OUTPUT`, `GITHUB_STATE`): `name=value` lines and
/// `name<<DELIMITER` blocks that end at a line equal to the delimiter.
public enum EnvironmentFile {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The pairs in file order; a later pair with the same name wins when the caller folds them.
    public static func parse(_ text: String) throws(Problem) -> [(name: String, value: String)] {
        var pairs: [(String, String)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            let equals = line.firstIndex(of: "=")
            let heredoc = line.range(of: "<<")
            if let heredoc, equals.map({ heredoc.lowerBound < $0 }) ?? true {
                let name = String(line[..<heredoc.lowerBound])
                let delimiter = String(line[heredoc.upperBound...])
                guard !name.isEmpty, !delimiter.isEmpty else {
                    throw Problem(line: index, message: "a \"name<<DELIMITER\" line needs both a name and a delimiter")
                }
                var body: [Substring] = []
                var closed = false
                while index < lines.count {
                    let next = lines[index]
                    index += 1
                    if next == delimiter {
                        closed = true
                        break
                    }
                    body.append(next)
                }
                guard closed else {
                    throw Problem(line: index, message: "the value of \"\(name)\" is not closed by a line \"\(delimiter)\"")
                }
                pairs.append((name, body.joined(separator: "\n")))
            } else if let equals {
                let name = String(line[..<equals])
                guard !name.isEmpty else { throw Problem(line: index, message: "a line starts with \"=\" and has no name") }
                pairs.append((name, String(line[line.index(after: equals)...])))
            } else {
                throw Problem(line: index, message: "expected \"name=value\" or \"name<<DELIMITER\", found \"\(line)\"")
            }
        }
        return pairs
    }
}
