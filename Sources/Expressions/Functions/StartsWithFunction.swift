/// `startsWith(searchString, searchValue)`: whether a string starts with another, ignoring case.
///
/// Both arguments must be primitives and are converted to strings; otherwise the result is `false`.
enum StartsWithFunction: ExpressionFunction {
    static let id = "startsWith"
    static let arity = 2...2

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let text = try call.argument(0)
        guard text.isPrimitive else { return false }
        let prefix = try call.argument(1)
        guard prefix.isPrimitive else { return false }
        return .bool(OrdinalIgnoreCase.hasPrefix(text.stringValue, prefix.stringValue))
    }
}
