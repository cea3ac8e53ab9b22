/// A `successCondition` or `failureCondition`: a small expression over the numbers `result`, `baseline` and
/// `stable`, with `+ - * /`, comparisons, `!`, `&&`, `||`, parentheses and the functions `abs`, `min`, `max`.
///
/// It is type-checked when parsed: a condition must be true or false, arithmetic takes numbers, `&&` takes
/// booleans. Conditions are not GitHub expressions because they need arithmetic (`result < baseline * 1.2`).
public struct AnalysisCondition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The names a condition may read.
    public static let names = ["result", "baseline", "stable"]
    static let functions = ["abs": 1, "min": 2, "max": 2]

    indirect enum Node: Sendable, Hashable {
        case number(Double)
        case boolean(Bool)
        case name(String)
        case negate(Node)
        case not(Node)
        case arithmetic(Character, Node, Node)
        case comparison(String, Node, Node)
        case and(Node, Node)
        case or(Node, Node)
        case call(String, [Node])
    }

    /// The text as written.
    public let source: String
    let root: Node

    /// Parses and type-checks `source`.
    ///
    /// - Throws: `ConditionError` with the character offset of the problem, such as
    ///   `unknown name "reslt"; did you mean "result"?` or `a condition must be true or false, but it is a number`.
    public init(_ source: String) throws(ConditionError) {
        var parser = ConditionParser(source)
        let root = try parser.parseCondition()
        self.source = source
        self.root = root
    }

    /// The names the condition reads, such as `["result", "baseline"]`.
    public var referencedNames: Set<String> { Self.names(in: root) }

    /// The source text.
    public var description: String { source }

    private static func names(in node: Node) -> Set<String> {
        switch node {
        case .number, .boolean: []
        case .name(let name): [name]
        case .negate(let inner), .not(let inner): names(in: inner)
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .and(let left, let right),
            .or(let left, let right):
            names(in: left).union(names(in: right))
        case .call(_, let arguments): arguments.reduce(into: []) { $0.formUnion(names(in: $1)) }
        }
    }

    /// Decodes the source text and parses it again.
    public init(from decoder: any Decoder) throws {
        let source = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(source)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the source text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }

    /// Conditions are equal when their text is.
    public static func == (lhs: AnalysisCondition, rhs: AnalysisCondition) -> Bool { lhs.source == rhs.source }
    /// Hashes the text.
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// A condition that does not parse or type-check; `offset` counts characters into the source.
public struct ConditionError: Error, Sendable, Hashable {
    /// Lower-case, names what was found and what was expected.
    public var message: String
    /// The character offset in the condition's text.
    public var offset: Int

    /// An error at `offset`.
    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}
