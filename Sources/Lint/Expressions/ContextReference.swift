import Expressions
import Workflows

/// One read of a context in an expression, such as `matrix.os` or `github.event.pull_request.title`.
public struct ContextReference: Sendable, Hashable {
    /// The context name, lower-case (`github`).
    public var context: String
    /// The properties read after it, lower-case; `*` for `.*` and for an index that is not a string literal.
    public var properties: [String]
    /// Character offset of the context name in the scalar the expression came from.
    public var offset: Int

    /// `context.property.property`, as written in messages.
    public var path: String { ([context] + properties).joined(separator: ".") }

    /// Every context read in `source` (an expression's text), with offsets counted from `base`.
    ///
    /// Works on the text because the expression tree is private to its module: string literals are skipped,
    /// and a name counts as a context only when it is not itself a property (`x.github`) or a function call.
    public static func scan(_ source: String, base: Int = 0) -> [ContextReference] {
        let bytes = Array(source.utf8)
        let ascii = bytes.allSatisfy { $0 < 128 }
        var references: [ContextReference] = []
        var index = 0
        var previous = UInt8(ascii: " ")
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "'") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") {
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
                previous = UInt8(ascii: "'")
                continue
            }
            guard isLetter(byte) || byte == UInt8(ascii: "_") else {
                if !isSpace(byte) { previous = byte }
                index += 1
                continue
            }
            let start = index
            let name = identifier(bytes, &index).lowercased()
            let isProperty = previous == UInt8(ascii: ".")
            previous = UInt8(ascii: "a")
            var lookahead = index
            while lookahead < bytes.count, isSpace(bytes[lookahead]) { lookahead += 1 }
            guard !isProperty, lookahead >= bytes.count || bytes[lookahead] != UInt8(ascii: "("),
                contexts.contains(name)
            else { continue }
            var properties: [String] = []
            while let property = nextProperty(bytes, &index) { properties.append(property) }
            let offset = ascii ? start : String(decoding: bytes[..<start], as: UTF8.self).count
            references.append(ContextReference(context: name, properties: properties, offset: base + offset))
        }
        return references
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }

    private static let contexts: Set<String> = [
        "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs",
    ]

    private static func identifier(_ bytes: [UInt8], _ index: inout Int) -> String {
        let start = index
        while index < bytes.count,
            isLetter(bytes[index]) || (bytes[index] >= 48 && bytes[index] <= 57) || bytes[index] == UInt8(ascii: "_")
                || bytes[index] == UInt8(ascii: "-")
        {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `.name`, `.*` or `[…]` after a context or property; nil when the chain ends.
    private static func nextProperty(_ bytes: [UInt8], _ index: inout Int) -> String? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
                index += 1
                return "*"
            }
            let name = identifier(bytes, &index)
            return name.isEmpty ? nil : name.lowercased()
        }
        guard bytes[index] == UInt8(ascii: "[") else { return nil }
        var end = index + 1
        while end < bytes.count, isSpace(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "'") {
            let valueStart = end + 1
            end = valueStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "'") { end += 1 }
            let value = String(decoding: bytes[valueStart..<min(end, bytes.count)], as: UTF8.self)
            end += 1
            while end < bytes.count, isSpace(bytes[end]) { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else { return nil }
            index = end + 1
            return value.lowercased()
        }
        var depth = 0
        while end < bytes.count {
            if bytes[end] == UInt8(ascii: "[") { depth += 1 }
            if bytes[end] == UInt8(ascii: "]") {
                if depth == 0 { break }
                depth -= 1
            }
            end += 1
        }
        index = min(end + 1, bytes.count)
        return "*"
    }
}
