import Foundation

/// Reads one number out of a JSON file by a `JSONPath`: a Lighthouse score, a bundle size, a benchmark's mean.
public enum JSONMetricReader {
    /// Reads the file at `path` and returns the number at `jsonPath`.
    public static func read(contentsOf path: String, at jsonPath: JSONPath) throws(ReportError) -> Double {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        return try parse(data, path: path, at: jsonPath)
    }

    /// The number at `jsonPath` in JSON read from `path`; anything but a finite number there is an error.
    public static func parse(_ data: Data, path: String, at jsonPath: JSONPath) throws(ReportError) -> Double {
        try ReportError.checkJSON(data, path: path)
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw ReportError(path: path, message: "invalid JSON")
        }
        var value: Any = document
        for (position, component) in jsonPath.components.enumerated() {
            let parent = jsonPath.prefix(position)
            switch component {
            case .key(let key):
                guard let object = value as? [String: Any] else {
                    throw ReportError(
                        path: path, message: "\(parent) is \(noun(value)), not an object with key \"\(key)\"")
                }
                guard let next = object[key] else {
                    let known = object.keys.sorted().prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
                    throw ReportError(
                        path: path,
                        message: "\(parent) has no key \"\(key)\"" + (known.isEmpty ? "" : "; it has \(known)"))
                }
                value = next
            case .index(let index):
                guard let array = value as? [Any] else {
                    throw ReportError(path: path, message: "\(parent) is \(noun(value)), not an array")
                }
                guard array.indices.contains(index) else {
                    throw ReportError(
                        path: path, message: "\(parent) has \(array.count) items, so [\(index)] does not exist")
                }
                value = array[index]
            }
        }
        guard let number = value as? NSNumber, !isBoolean(number), number.doubleValue.isFinite else {
            throw ReportError(
                path: path, message: "\(jsonPath.prefix(jsonPath.components.count)) is \(noun(value)), not a number")
        }
        return number.doubleValue
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func noun(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case let number as NSNumber: isBoolean(number) ? "a boolean" : "a number"
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "\(type(of: value))"
        }
    }
}
