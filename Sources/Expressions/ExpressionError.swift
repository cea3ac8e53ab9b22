/// An expression that cannot be parsed or evaluated, and where.
///
/// `offset` counts `Character`s from the start of the text given to `Expression.parse` or `Template.parse` and
/// points at the offending token. `message` starts lower-case and names what was found and what was expected,
/// for example `unexpected token ")", expected an operand` or `unknown function "toJosn"`.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based count of characters before the offending token.
    public var offset: Int
    /// What went wrong, lower-case, quoting what the user wrote.
    public var message: String

    /// An error `offset` characters into the text.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `message (at offset N)`; callers with a file position render their own.
    public var description: String {
        "\(message) (at offset \(offset))"
    }

    /// The same error in a text where the erroneous one starts `distance` characters in.
    func shifted(by distance: Int) -> ExpressionError {
        ExpressionError(offset: offset + distance, message: message)
    }
}
