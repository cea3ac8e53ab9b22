/// A parsed page of the Prometheus text exposition format (what a `/metrics` endpoint serves).
///
/// Reads `# HELP` and `# TYPE` lines, samples with or without labels (escapes `\\`, `\"`, `\n` in label values),
/// the values `NaN`, `+Inf`, `-Inf`, and optional millisecond timestamps. Other comments and blank lines are
/// skipped. Any other line is an error naming its line number, so a broken page is never half-read in silence.
public struct PrometheusText: Sendable {
    /// One sample line.
    public struct Sample: Sendable, Hashable {
        /// The metric name, with any `_bucket`, `_sum`, `_count` suffix as written.
        public var name: String
        /// The labels.
        public var labels: [String: String]
        /// The value.
        public var value: Double
        /// The timestamp in milliseconds since 1970, when the line has one.
        public var timestamp: Int64?

        /// A sample.
        public init(name: String, labels: [String: String] = [:], value: Double, timestamp: Int64? = nil) {
            self.name = name
            self.labels = labels
            self.value = value
            self.timestamp = timestamp
        }
    }

    /// A line that is not valid exposition format.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line number.
        public var line: Int
        /// What was wrong, lower-case.
        public var message: String
        /// `line 3: <message>`.
        public var description: String { "line \(line): \(message)" }

        /// An error at `line`.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// The samples in page order.
    public var samples: [Sample]
    /// The declared type of each metric family (`counter`, `gauge`, `histogram`, `summary`, `untyped`).
    public var types: [String: String]
    /// The help text of each metric family.
    public var help: [String: String]

    /// Parses a whole page.
    public init(parsing page: String) throws(ParseError) {
        samples = []
        types = [:]
        help = [:]
        // "\r\n" is a single Character in Swift, so both line ends are named.
        let lines = page.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            var cursor = Cursor(line: index + 1, text: line)
            cursor.skipSpaces()
            if cursor.atEnd { continue }
            if cursor.peek == "#" {
                try readComment(&cursor)
            } else {
                samples.append(try cursor.readSample())
            }
        }
    }

    /// The samples called `name` whose labels include every pair of `labels`.
    public func samples(named name: String, matching labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// The sum of the matching samples' values, or nil when none matches.
    public func sum(_ name: String, matching labels: [String: String] = [:]) -> Double? {
        let matching = samples(named: name, matching: labels)
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    private mutating func readComment(_ cursor: inout Cursor) throws(ParseError) {
        cursor.advance()
        cursor.skipSpaces()
        let keyword = cursor.readWord()
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        cursor.skipSpaces()
        let name = try cursor.readName()
        cursor.skipSpaces()
        let rest = String(cursor.remainder)
        if keyword == "TYPE" {
            let type = rest.trimmingSpaces
            guard
                ["counter", "gauge", "histogram", "summary", "untyped", "gaugehistogram", "info", "stateset"]
                    .contains(type)
            else {
                throw cursor.error("unknown metric type \"\(type)\" for \"\(name)\"")
            }
            types[name] = type
        } else {
            help[name] = rest.replacingEscapes(quotes: false)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Undoes `\\`, `\n` and, where allowed, `\"`.
    fileprivate func replacingEscapes(quotes: Bool) -> String {
        var result = ""
        var escaping = false
        for character in self {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "\\": result.append("\\")
                case "\"" where quotes: result.append("\"")
                default: result.append(contentsOf: "\\\(character)")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return escaping ? result + "\\" : result
    }
}
