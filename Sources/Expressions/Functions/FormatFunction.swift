/// `format(string, replaceValue0, replaceValue1, ...)`: `{N}` in the string replaced by argument N + 1
/// converted to a string; `{{` and `}}` stand for `{` and `}`.
///
/// The whole format string is checked before any argument is evaluated, and only the arguments it refers to
/// are evaluated, once each. A malformed string, an index without an argument (`{2}` with two values) and a
/// format specifier (`{0:x}`) are evaluation errors pointing at the call.
enum FormatFunction: ExpressionFunction {
    static let id = "format"
    static let arity = 1...255

    /// A piece of the output: literal text, or the argument to insert.
    private enum Piece {
        case text(ArraySlice<UInt8>)
        case argument(Int, specifiers: String)
    }

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let format = try call.argument(0).stringValue
        let pieces = try parse(Array(format.utf8), format: format, values: call.count - 1, call: call)
        var bytes: [UInt8] = []
        var cache: [Int: String] = [:]
        for piece in pieces {
            switch piece {
            case .text(let text):
                bytes.append(contentsOf: text)
            case .argument(let index, let specifiers):
                let string: String
                if let cached = cache[index] {
                    string = cached
                } else {
                    string = try call.argument(index + 1).stringValue
                    cache[index] = string
                }
                guard specifiers.isEmpty else {
                    throw call.failure("format specifiers \"\(specifiers)\" are not supported in \"\(format)\"")
                }
                bytes.append(contentsOf: string.utf8)
            }
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    private static func parse(
        _ bytes: [UInt8], format: String, values: Int, call: FunctionCall
    ) throws(ExpressionError) -> [Piece] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        var pieces: [Piece] = []
        var index = 0
        while index < bytes.count {
            let left = bytes[index...].firstIndex(of: open)
            let right = bytes[index...].firstIndex(of: close)
            if let left, right.map({ $0 > left }) ?? true {
                if left + 1 < bytes.count, bytes[left + 1] == open {
                    pieces.append(.text(bytes[index...left]))
                    index = left + 2
                } else if let right, right > left + 1,
                    let (argument, afterDigits) = readIndex(bytes, from: left + 1),
                    let (specifiers, closing) = readSpecifiers(bytes, from: afterDigits)
                {
                    guard argument < values else {
                        let given = values == 1 ? "1 value follows it" : "\(values) values follow it"
                        throw call.failure("format string \"\(format)\" refers to {\(argument)}, but only \(given)")
                    }
                    pieces.append(.text(bytes[index..<left]))
                    pieces.append(.argument(argument, specifiers: specifiers))
                    index = closing + 1
                } else {
                    throw call.failure("invalid format string \"\(format)\", expected \"{N}\", \"{{\" or \"}}\"")
                }
            } else if let right {
                guard right + 1 < bytes.count, bytes[right + 1] == close else {
                    throw call.failure("invalid format string \"\(format)\", expected \"}}\" for a literal \"}\"")
                }
                pieces.append(.text(bytes[index...right]))
                index = right + 2
            } else {
                pieces.append(.text(bytes[index...]))
                index = bytes.count
            }
        }
        return pieces
    }

    /// The decimal argument index at `start` (0 to 255, as GitHub reads it into a byte) and where it ends.
    private static func readIndex(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var end = start
        var value = 0
        while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
            value = min(value * 10 + Int(bytes[end] - UInt8(ascii: "0")), 256)
            end += 1
        }
        guard end > start, value <= 255 else { return nil }
        return (value, end)
    }

    /// Either `}` right at `start`, or `:` followed by specifiers up to a `}` (`}}` inside stands for `}`).
    private static func readSpecifiers(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        guard start < bytes.count else { return nil }
        if bytes[start] == UInt8(ascii: "}") {
            return ("", start)
        }
        guard bytes[start] == UInt8(ascii: ":") else { return nil }
        var specifiers: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "}") {
                specifiers.append(bytes[index])
                index += 1
            } else if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") {
                specifiers.append(UInt8(ascii: "}"))
                index += 2
            } else {
                return (String(decoding: specifiers, as: UTF8.self), index)
            }
        }
        return nil
    }
}
