extension Value {
    /// The value as GitHub's `toJSON` prints it: two-space indentation, `"key": value` members, numbers as
    /// `stringValue` prints them, `[]` and `{}` for empty collections.
    ///
    /// GitHub keeps the order in which an object's keys were added; a `Value` object has no order, so keys are
    /// sorted to make the output stable.
    public func toJSON() -> String {
        var output = ""
        Value.writeJSON(self, level: 0, to: &output)
        return output
    }

    /// The value a JSON text describes, as GitHub's `fromJSON` reads it (numbers become `Double`).
    ///
    /// - Throws: `ExpressionError` with offset 0 and a message naming what was wrong and where, when the text
    ///   is not exactly one JSON value surrounded by optional white space.
    public static func fromJSON(_ text: String) throws -> Value {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw ExpressionError(offset: 0, message: error.message)
        }
    }

    private static func writeJSON(_ value: Value, level: Int, to output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .number(let number):
            output += NumberFormat.string(from: number)
        case .string(let text):
            writeJSONString(text, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                startMember(first: index == 0, level: level + 1, to: &output)
                writeJSON(element, level: level + 1, to: &output)
            }
            endCollection("]", level: level, to: &output)
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                startMember(first: index == 0, level: level + 1, to: &output)
                writeJSONString(key, to: &output)
                output += ": "
                writeJSON(members[key] ?? .null, level: level + 1, to: &output)
            }
            endCollection("}", level: level, to: &output)
        }
    }

    private static func startMember(first: Bool, level: Int, to output: inout String) {
        if !first {
            output += ","
        }
        output += "\n"
        output += String(repeating: " ", count: level * 2)
    }

    private static func endCollection(_ bracket: String, level: Int, to output: inout String) {
        output += "\n"
        output += String(repeating: " ", count: level * 2)
        output += bracket
    }

    /// A JSON string literal escaped as Newtonsoft.Json does by default: quotes, backslashes and control
    /// characters, plus U+0085, U+2028 and U+2029; `\u` escapes use lower-case hex digits.
    static func writeJSONString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{85}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
