/// A `::name key=value,...::message` line printed by a step.
public struct WorkflowCommand: Sendable, Equatable {
    public var name: String
    public var properties: [String: String]
    public var message: String

    /// Parses `line`, or returns nil when it is ordinary output.
    public static func parse(_ line: String) -> WorkflowCommand? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("::") else { return nil }
        let body = trimmed.dropFirst(2)
        guard let separator = body.range(of: "::") else { return nil }
        let head = body[..<separator.lowerBound]
        let message = unescapeData(String(body[separator.upperBound...]))
        let name: Substring
        var properties: [String: String] = [:]
        if let space = head.firstIndex(of: " ") {
            name = head[..<space]
            for pair in head[head.index(after: space)...].split(separator: ",") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<equals].trimmingCharacters(in: " ")
                properties[key] = unescapeProperty(String(pair[pair.index(after: equals)...]))
            }
        } else {
            name = head
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return WorkflowCommand(name: String(name), properties: properties, message: message)
    }

    static func unescapeData(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
    }

    static func unescapeProperty(_ text: String) -> String {
        unescapeData(text).replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
