extension Value {
    /// The kinds GitHub's comparison rules tell apart.
    enum Kind: Equatable {
        case null, bool, number, string, array, object
    }

    var kind: Kind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }

    /// GitHub's `==`: values of one kind compare directly (strings ignoring case, `NaN` never equal); a number
    /// and a string compare as numbers; a boolean or `null` becomes a number and the comparison starts again;
    /// an array or object equals only an equal array or object.
    func looselyEquals(_ other: Value) -> Bool {
        let (left, right) = Value.coerced(self, other)
        switch (left, right) {
        case (.null, .null): return true
        case (.number(let left), .number(let right)): return left == right
        case (.string(let left), .string(let right)): return OrdinalIgnoreCase.equals(left, right)
        case (.bool(let left), .bool(let right)): return left == right
        case (.array, .array), (.object, .object): return left == right
        default: return false
        }
    }

    /// GitHub's `>`, with the same coercions as `looselyEquals`; arrays, objects and `NaN` are never greater.
    func isGreater(than other: Value) -> Bool {
        let (left, right) = Value.coerced(self, other)
        switch (left, right) {
        case (.number(let left), .number(let right)): return left > right
        case (.string(let left), .string(let right)): return OrdinalIgnoreCase.compare(left, right) > 0
        case (.bool(let left), .bool(let right)): return left && !right
        default: return false
        }
    }

    /// GitHub's `<`, with the same coercions as `looselyEquals`; arrays, objects and `NaN` are never less.
    func isLess(than other: Value) -> Bool {
        let (left, right) = Value.coerced(self, other)
        switch (left, right) {
        case (.number(let left), .number(let right)): return left < right
        case (.string(let left), .string(let right)): return OrdinalIgnoreCase.compare(left, right) < 0
        case (.bool(let left), .bool(let right)): return !left && right
        default: return false
        }
    }

    /// Both operands brought to one kind where GitHub's rules allow it (JavaScript's abstract equality, except
    /// that arrays and objects are never turned into primitives).
    private static func coerced(_ left: Value, _ right: Value) -> (Value, Value) {
        let leftKind = left.kind
        let rightKind = right.kind
        if leftKind == rightKind {
            return (left, right)
        }
        switch (leftKind, rightKind) {
        case (.number, .string):
            return (left, .number(right.numberValue))
        case (.string, .number):
            return (.number(left.numberValue), right)
        case (.bool, _), (.null, _):
            return coerced(.number(left.numberValue), right)
        case (_, .bool), (_, .null):
            return coerced(left, .number(right.numberValue))
        default:
            return (left, right)
        }
    }
}
