import Foundation

/// A path into a JSON document, in the small subset metric endpoints need.
///
/// Accepted: an optional leading `$` (or argo-rollouts' `{$.a.b}` braces), `.key`, `[index]`, `['key']` or
/// `["key"]`, and bare segments separated by dots (`a.b.0.c`), where a number indexes an array (or names the key
/// in an object). No wildcards, filters or slices: the path must lead to exactly one value.
struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    enum Segment: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element (or the object member with this number as its key).
        case index(Int)
    }

    /// Why a path could not be parsed.
    struct SyntaxError: Error, Sendable, Hashable {
        /// What was wrong, lower-case.
        var message: String
    }

    /// The steps from the root.
    let segments: [Segment]
    /// The path as written.
    let description: String

    /// Parses `text`.
    init(_ text: String) throws(SyntaxError) {
        description = text
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("{") && rest.hasSuffix("}") { rest = rest.dropFirst().dropLast() }
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        var segments: [Segment] = []
        var expectsSegment = false
        while let character = rest.first {
            switch character {
            case ".":
                if expectsSegment {
                    throw SyntaxError(message: "the JSON path \"\(text)\" uses \"..\", which is not supported")
                }
                rest = rest.dropFirst()
                expectsSegment = true
                continue
            case "[":
                segments.append(try Self.bracket(&rest, path: text))
            default:
                let word = rest.prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(word.count)
                let index = Int(word).flatMap { $0 >= 0 ? Segment.index($0) : nil }
                segments.append(index ?? .key(String(word)))
            }
            expectsSegment = false
        }
        if expectsSegment { throw SyntaxError(message: "the JSON path \"\(text)\" ends with \".\"") }
        self.segments = segments
    }

    /// Reads `[0]`, `['key']` or `["key"]`.
    private static func bracket(_ rest: inout Substring, path: String) throws(SyntaxError) -> Segment {
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: "]") else {
            throw SyntaxError(message: "the JSON path \"\(path)\" has an unclosed \"[\"")
        }
        let inside = rest[..<close].trimmingCharacters(in: .whitespaces)
        rest = rest[rest.index(after: close)...]
        if let index = Int(inside), index >= 0 { return .index(index) }
        for quote in ["'", "\""] where inside.count >= 2 && inside.hasPrefix(quote) && inside.hasSuffix(quote) {
            return .key(String(inside.dropFirst().dropLast()))
        }
        throw SyntaxError(
            message: "the JSON path \"\(path)\" has \"[\(inside)]\"; expected an index or a quoted key"
        )
    }

    /// The value at this path in `document`, or the first step that does not exist, described.
    func resolve(in document: JSONValue) -> Result<JSONValue, SyntaxError> {
        var current = document
        var walked = "$"
        for segment in segments {
            switch (segment, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return missing(walked, "has no key \"\(key)\"") }
                current = next
                walked += ".\(key)"
            case (.index(let index), .array(let elements)):
                guard index < elements.count else {
                    return missing(walked, "has \(elements.count) elements, no index \(index)")
                }
                current = elements[index]
                walked += "[\(index)]"
            case (.index(let index), .object(let members)):
                guard let next = members["\(index)"] else { return missing(walked, "has no key \"\(index)\"") }
                current = next
                walked += ".\(index)"
            case (.key(let key), _):
                return missing(walked, "is \(current.kindDescription), not an object with the key \"\(key)\"")
            case (.index(let index), _):
                return missing(walked, "is \(current.kindDescription), not an array with the index \(index)")
            }
        }
        return .success(current)
    }

    private func missing(_ walked: String, _ problem: String) -> Result<JSONValue, SyntaxError> {
        .failure(SyntaxError(message: "\(walked) \(problem)"))
    }
}
