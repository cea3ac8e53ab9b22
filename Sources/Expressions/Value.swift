/// A value an expression works with: what a context holds, what a literal means, what a function returns.
///
/// The six cases are the types GitHub Actions expressions know. Numbers are always `Double`, as in GitHub.
/// Two values are equal when they have the same structure; unlike `Double`, a `NaN` number equals itself here,
/// so values can be used as dictionary keys and compared in tests.
public enum Value: Sendable {
    /// The absence of a value: a missing property, an unset context, `null` in JSON.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// Every number, integral or not.
    case number(Double)
    /// A string.
    case string(String)
    /// An ordered list of values.
    case array([Value])
    /// A mapping from keys to values; property lookups try the exact key, then ignore case.
    case object([String: Value])
}

extension Value: Hashable {
    /// Structural equality, case-sensitive for strings, with `NaN` equal to `NaN`; not GitHub's `==`, which
    /// expressions evaluate with their own coercion rules.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right || (left.isNaN && right.isNaN)
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)): left == right
        default: false
        }
    }

    /// Hashes the structure, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let value):
            hasher.combine(1)
            hasher.combine(value)
        case .number(let value):
            hasher.combine(2)
            // All NaNs are equal here, so they must hash alike whatever their payload.
            hasher.combine(value.isNaN ? Double.nan : value)
        case .string(let value):
            hasher.combine(3)
            hasher.combine(value)
        case .array(let value):
            hasher.combine(4)
            hasher.combine(value)
        case .object(let value):
            hasher.combine(5)
            hasher.combine(value)
        }
    }
}

extension Value: ExpressibleByNilLiteral {
    /// `nil` is `.null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension Value: ExpressibleByBooleanLiteral {
    /// `true` is `.bool(true)`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension Value: ExpressibleByIntegerLiteral {
    /// `1` is `.number(1)`.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }
}

extension Value: ExpressibleByFloatLiteral {
    /// `1.5` is `.number(1.5)`.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension Value: ExpressibleByStringLiteral {
    /// `"abc"` is `.string("abc")`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension Value: ExpressibleByArrayLiteral {
    /// `[1, "a"]` is `.array([.number(1), .string("a")])`.
    public init(arrayLiteral elements: Value...) {
        self = .array(elements)
    }
}

extension Value: ExpressibleByDictionaryLiteral {
    /// `["a": 1]` is `.object(["a": .number(1)])`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension Value: CustomStringConvertible {
    /// The value as `toJSON` prints it.
    public var description: String { toJSON() }
}
