/// `${NAME}` placeholders in target commands, images and hooks, filled in per replica or per call.
public enum Placeholder: String, Sendable, CaseIterable, Codable {
    /// The version being deployed, such as `1.4.2`.
    case version = "VERSION"
    /// The port a local replica must listen on.
    case port = "PORT"
    /// The replica's index, from 0.
    case replica = "REPLICA"
    /// The replica role: `stable`, `canary`, `baseline` or `previous`.
    case role = "ROLE"
    /// The replica group's unique name (script hooks), such as `web-production-2-canary-1`.
    case group = "GROUP"
    /// The traffic weight in percent, such as `12.5` (script `setWeight` hooks).
    case weight = "WEIGHT"
    /// The number of replicas (script `deploy` and `scale` hooks).
    case replicas = "REPLICAS"
    /// The service name.
    case service = "SERVICE"
    /// The environment name.
    case environment = "ENVIRONMENT"

    /// Replaces every `${NAME}` whose name is in `values`; other text, including unknown placeholders, is kept.
    public static func expand(_ text: String, _ values: [Placeholder: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close])
            if let placeholder = Placeholder(rawValue: name), let value = values[placeholder] {
                result += value
            } else {
                result += rest[open.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Every `${NAME}` in `text` with the character offset of its `$`.
    static func occurrences(in text: String) -> [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        let characters = Array(text)
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "$", characters[index + 1] == "{",
                let close = characters[(index + 2)...].firstIndex(of: "}")
            {
                found.append((String(characters[(index + 2)..<close]), index))
                index = close
            }
            index += 1
        }
        return found
    }
}
