/// `toJSON(value)`: the value as pretty-printed JSON, as `Value.toJSON()` writes it.
enum ToJSONFunction: ExpressionFunction {
    static let id = "toJSON"
    static let arity = 1...1

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        .string(try call.argument(0).toJSON())
    }
}
