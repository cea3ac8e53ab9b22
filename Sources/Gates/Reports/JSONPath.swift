/// A path into a JSON document, in the subset gates need: `$.a.b[0].c`, `a.b`, `$['odd key'][2]`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: an object key or an array index.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// Why a path could not be parsed, and where (0-based offset in the text).
    public struct ParseError: Error, Sendable, Hashable {
        public var offset: Int
        public var message: String
    }

    /// The steps from the document root.
    public let components: [Component]
    /// The path as written.
    public let description: String

    /// Parses `text`; a leading `$` is optional.
    public init(_ text: String) throws(ParseError) {
        let characters = Array(text)
        var components: [Component] = []
        var index = 0
        if characters.first == "$" { index = 1 }
        var needsKey = index == 0
        guard !characters.isEmpty else { throw ParseError(offset: 0, message: "the path is empty") }
        while index < characters.count {
            let character = characters[index]
            if needsKey || character == "." {
                if character == "." { index += 1 }
                let start = index
                while index < characters.count, characters[index] != ".", characters[index] != "[" { index += 1 }
                guard index > start else {
                    throw ParseError(offset: start, message: "expected a key after \".\"")
                }
                components.append(.key(String(characters[start..<index])))
                needsKey = false
            } else if character == "[" {
                index += 1
                if index < characters.count, characters[index] == "'" || characters[index] == "\"" {
                    let quote = characters[index]
                    let start = index + 1
                    guard let end = characters[start...].firstIndex(of: quote), end + 1 < characters.count,
                        characters[end + 1] == "]"
                    else { throw ParseError(offset: index, message: "expected a quoted key closed by \(quote)]") }
                    components.append(.key(String(characters[start..<end])))
                    index = end + 2
                } else {
                    let start = index
                    while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
                    guard index > start, index < characters.count, characters[index] == "]",
                        let number = Int(String(characters[start..<index]))
                    else {
                        throw ParseError(
                            offset: start, message: "expected an array index like [0] or a key like ['name']")
                    }
                    components.append(.index(number))
                    index += 1
                }
            } else {
                throw ParseError(offset: index, message: "expected \".\" or \"[\", found \"\(character)\"")
            }
        }
        guard !components.isEmpty else { throw ParseError(offset: 0, message: "the path names no key") }
        self.components = components
        self.description = text
    }

    /// The path up to and including component `count`, as `$.a.b[0]`, for messages.
    public func prefix(_ count: Int) -> String {
        components.prefix(count).reduce("$") { text, component in
            switch component {
            case .key(let key):
                key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                    ? text + "." + key : text + "['\(key)']"
            case .index(let index): text + "[\(index)]"
            }
        }
    }
}
