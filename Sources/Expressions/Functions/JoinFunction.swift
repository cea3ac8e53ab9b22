/// `join(array, separator)`: the elements of an array as strings, separated by `separator` (`,` by default).
///
/// A primitive is returned as a string; an object or an empty array gives `''`. A separator that is not a
/// primitive is ignored.
enum JoinFunction: ExpressionFunction {
    static let id = "join"
    static let arity = 1...2

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let items = try call.argument(0)
        switch items {
        case .array(let elements):
            guard let first = elements.first else { return "" }
            var result = first.stringValue
            guard elements.count > 1 else { return .string(result) }
            var separator = ","
            if call.count > 1 {
                let given = try call.argument(1)
                if given.isPrimitive {
                    separator = given.stringValue
                }
            }
            for element in elements.dropFirst() {
                result += separator
                result += element.stringValue
            }
            return .string(result)
        case .object:
            return ""
        case .null, .bool, .number, .string:
            return .string(items.stringValue)
        }
    }
}
