/// One lexical unit of an expression, with where it sits in the source.
struct Token: Equatable, Sendable {
    /// What the token is; literals carry their value, identifiers their spelling.
    enum Kind: Equatable, Sendable {
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket, comma, dot, star
        case not, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, and, or
        /// A number literal such as `1`, `-1.5`, `0xff`, `1e3`, `NaN` or `Infinity`.
        case number(Double)
        /// A single-quoted string literal, unescaped.
        case string(String)
        /// A keyword: a context, function or property name, or `null`, `true`, `false`.
        case identifier(String)
        /// Text that is no token; the parser reports `message` when it reaches it.
        case invalid(message: String)
        /// The end of the source.
        case end
    }

    var kind: Kind
    /// Offset of the first byte, in UTF-8 code units from the start of the source.
    var start: Int
    /// Offset just past the last byte, in UTF-8 code units.
    var end: Int

    /// Whether a `.` right after this token is a number's decimal point rather than a property access,
    /// which is when an operand is expected next.
    var expectsOperandAfter: Bool {
        switch kind {
        case .comma, .leftParenthesis, .leftBracket, .not, .equal, .notEqual, .less, .lessOrEqual, .greater,
            .greaterOrEqual, .and, .or:
            true
        default:
            false
        }
    }

    /// The operator's spelling, for messages; `nil` for tokens that are not fixed punctuation.
    var punctuation: String? {
        switch kind {
        case .leftParenthesis: "("
        case .rightParenthesis: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .comma: ","
        case .dot: "."
        case .star: "*"
        case .not: "!"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .and: "&&"
        case .or: "||"
        default: nil
        }
    }
}
