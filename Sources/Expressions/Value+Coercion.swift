extension Value {
    /// Whether the value counts as true in a condition, as GitHub decides.
    ///
    /// `null`, `false`, `0`, `-0`, `NaN` and `''` are false; every other value, including an empty array or
    /// object, is true.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        case .array, .object: true
        }
    }

    /// The value as GitHub writes it into a string.
    ///
    /// `null` is `""`, booleans are `true`/`false`, numbers are printed with 15 significant digits as .NET's
    /// `G15` format does (`1`, `1.5`, `123456789012345`, `1E+15`, `Infinity`, `NaN`), an array is `Array`
    /// and an object is `Object`.
    public var stringValue: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .number(let value): NumberFormat.string(from: value)
        case .string(let value): value
        case .array: "Array"
        case .object: "Object"
        }
    }

    /// The value as GitHub turns it into a number.
    ///
    /// `null` is `0`, booleans are `1`/`0`, a string is trimmed and read as decimal (with sign, fraction and
    /// exponent), hexadecimal (`0x`), octal (`0o`) or `Infinity`, an empty string is `0`, anything else is
    /// `NaN`; arrays and objects are `NaN`.
    public var numberValue: Double {
        switch self {
        case .null: 0
        case .bool(let value): value ? 1 : 0
        case .number(let value): value
        case .string(let value): NumberParser.parse(value)
        case .array, .object: .nan
        }
    }

    /// The value of property `name` of an object: the exact key if present, otherwise the first key equal to
    /// `name` ignoring case; `.null` when there is none or the value is not an object.
    public subscript(property name: String) -> Value {
        guard case .object(let members) = self else { return .null }
        return Value.member(named: name, in: members) ?? .null
    }

    /// Whether the value is `null`, a boolean, a number or a string.
    var isPrimitive: Bool {
        switch self {
        case .null, .bool, .number, .string: true
        case .array, .object: false
        }
    }

    /// The member of `members` named `name`, looked up the way GitHub looks up object keys.
    static func member(named name: String, in members: [String: Value]) -> Value? {
        if let exact = members[name] {
            return exact
        }
        // Several keys can differ only by case; take the smallest so the answer does not depend on hashing.
        var found: (key: String, value: Value)?
        for (key, value) in members where OrdinalIgnoreCase.equals(key, name) {
            if let current = found, current.key < key { continue }
            found = (key, value)
        }
        return found?.value
    }

    /// The elements of an array, or the values of an object ordered by key, as `.*` yields them.
    var filterElements: [Value] {
        switch self {
        case .array(let elements): elements
        case .object(let members): members.sorted { $0.key < $1.key }.map(\.value)
        default: []
        }
    }
}
