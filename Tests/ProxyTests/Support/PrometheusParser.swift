/// A strict reader of the Prometheus text format, enough to check what the proxy writes: every sample line is
/// `name{label="value",...} number`, every family has `# HELP` and `# TYPE` before its samples, and names and
/// labels are well-formed.
struct PrometheusParser {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    var samples: [Sample] = []

    subscript(name: String, labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    func all(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    static func parse(_ text: String) throws -> PrometheusParser {
        var result = PrometheusParser()
        var typed: [String: String] = [:]
        var helped: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("# HELP ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1)
                guard parts.count == 2, isName(parts[0]) else { throw Failure(line: number, reason: "bad HELP") }
                helped.insert(String(parts[0]))
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2, isName(parts[0]),
                    ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1])
                else { throw Failure(line: number, reason: "bad TYPE") }
                typed[String(parts[0])] = String(parts[1])
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try parseSample(line, number: number)
            let family = ["_bucket", "_sum", "_count"].reduce(sample.name) { name, suffix in
                typed[name] == nil && name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
            }
            guard typed[family] != nil, helped.contains(family) else {
                throw Failure(line: number, reason: "sample of \(sample.name) before its HELP and TYPE")
            }
            result.samples.append(sample)
        }
        return result
    }

    private static func parseSample(_ line: Substring, number: Int) throws -> Sample {
        var rest = line
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        guard isName(name) else { throw Failure(line: number, reason: "bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = rest.prefix { $0 != "=" }
                guard isName(label), rest.dropFirst(label.count).hasPrefix("=\"") else {
                    throw Failure(line: number, reason: "bad label")
                }
                rest = rest.dropFirst(label.count + 2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    if character == "\\" {
                        rest = rest.dropFirst()
                        guard let escaped = rest.first else { throw Failure(line: number, reason: "bad escape") }
                        value.append(escaped == "n" ? "\n" : escaped)
                    } else {
                        value.append(character)
                    }
                    rest = rest.dropFirst()
                }
                guard rest.first == "\"" else { throw Failure(line: number, reason: "unterminated label value") }
                rest = rest.dropFirst()
                labels[String(label)] = value
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw Failure(line: number, reason: "no space before the value") }
        let valueText = rest.dropFirst()
        let value: Double? =
            switch valueText {
            case "+Inf": .infinity
            case "-Inf": -.infinity
            default: Double(valueText)
            }
        guard let value else { throw Failure(line: number, reason: "bad value \(valueText)") }
        return Sample(name: String(name), labels: labels, value: value)
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" || first == ":" else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == ":" }
    }
}
