/// `endsWith(searchString, searchValue)`: whether a string ends with another, ignoring case.
///
/// Both arguments must be primitives and are converted to strings; otherwise the result is `false`.
enum EndsWithFunction: ExpressionFunction {
    static let id = "endsWith"
    static let arity = 2...2

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let text = try call.argument(0)
        guard text.isPrimitive else { return false }
        let suffix = try call.argument(1)
        guard suffix.isPrimitive else { return false }
        return .bool(OrdinalIgnoreCase.hasSuffix(text.stringValue, suffix.stringValue))
    }
}
