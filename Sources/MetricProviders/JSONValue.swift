import Foundation

/// A decoded JSON document that keeps JSON's own types apart (a `true` is not a `1`).
enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Decodes `data`, or says in one line why it is not JSON.
    static func parse(_ data: some Collection<UInt8>) -> Result<JSONValue, JSONParseFailure> {
        do {
            return .success(try JSONDecoder().decode(JSONValue.self, from: Data(data)))
        } catch let error as DecodingError {
            switch error {
            case .dataCorrupted(let context):
                let detail = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return .failure(JSONParseFailure(message: "not valid JSON: \(detail ?? context.debugDescription)"))
            default:
                return .failure(JSONParseFailure(message: "not valid JSON: \(error)"))
            }
        } catch {
            return .failure(JSONParseFailure(message: "not valid JSON: \(error)"))
        }
    }

    /// The member `key` of an object, nil otherwise.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The elements of an array, nil otherwise.
    var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text of a string, nil otherwise.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// One short phrase naming the value's type, for messages: `an object`, `the string "abc"`.
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "the boolean \(flag)"
        case .number(let number): "the number \(number)"
        case .string(let text): "the string \"\(text.prefix(40))\""
        case .array(let elements): "an array of \(elements.count)"
        case .object: "an object"
        }
    }
}

/// Why a body is not JSON.
struct JSONParseFailure: Error, Sendable {
    /// One line, lower-case.
    let message: String
}

/// Reads a number as Prometheus and most JSON APIs write it: plain, or as text (`"0.5"`, `"NaN"`, `"+Inf"`).
func parseNumber(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    switch trimmed.lowercased() {
    case "nan": return .nan
    case "+inf", "inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return Double(trimmed)
    }
}
