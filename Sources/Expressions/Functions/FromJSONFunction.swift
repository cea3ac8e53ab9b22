/// `fromJSON(text)`: the value a JSON text describes; the argument is converted to a string first.
///
/// Invalid JSON is an evaluation error pointing at the call.
enum FromJSONFunction: ExpressionFunction {
    static let id = "fromJSON"
    static let arity = 1...1

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let text = try call.argument(0).stringValue
        do {
            return try JSONParser.parse(text)
        } catch {
            throw call.failure(error.message)
        }
    }
}
