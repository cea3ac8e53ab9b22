/// `contains(search, item)`: whether an array holds an item, or a string contains another.
///
/// With an array, an element must equal `item` under `==` rules. Otherwise both arguments must be primitives
/// and are compared as strings ignoring case. An object, or a non-primitive `item` for a string, gives `false`.
enum ContainsFunction: ExpressionFunction {
    static let id = "contains"
    static let arity = 2...2

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        let search = try call.argument(0)
        switch search {
        case .array(let elements):
            guard !elements.isEmpty else { return false }
            let item = try call.argument(1)
            return .bool(elements.contains { $0.looselyEquals(item) })
        case .object:
            return false
        case .null, .bool, .number, .string:
            let item = try call.argument(1)
            guard item.isPrimitive else { return false }
            return .bool(OrdinalIgnoreCase.contains(search.stringValue, item.stringValue))
        }
    }
}
