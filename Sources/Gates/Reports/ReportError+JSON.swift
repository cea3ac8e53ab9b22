import Foundation

extension ReportError {
    /// Throws, with the line of the mistake, when `data` is not valid JSON.
    static func checkJSON(_ data: Data, path: String) throws(ReportError) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ReportError(path: path, line: line(of: error, in: data), message: "invalid JSON: \(describe(error))")
        }
    }

    /// A decoding or parsing error as a short phrase naming where in the document it went wrong.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return "expected \(jsonNoun(type)) at \(codingPath(context.codingPath))"
        case DecodingError.valueNotFound(let type, let context):
            return "expected \(jsonNoun(type)) at \(codingPath(context.codingPath)), found null"
        case DecodingError.keyNotFound(let key, let context):
            return "\(codingPath(context.codingPath + [key])) is missing"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? context.debugDescription : "\(context.debugDescription) at \(codingPath(context.codingPath))"
        default:
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return description.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? "\(error)"
        }
    }

    /// The line named by a Foundation JSON error ("around line 3" or "around character 42"), if it names one.
    static func line(of error: any Error, in data: Data) -> Int? {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if let line = number(after: "line ", in: description) { return line }
        guard let offset = number(after: "character ", in: description) else { return nil }
        return data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        var text = "$"
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += "." + key.stringValue }
        }
        return text
    }

    private static func jsonNoun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
