/// Builds the tree of an expression from its tokens by recursive descent, with GitHub's precedence from
/// loosest to tightest: `||`, `&&`, `==` `!=`, `<` `<=` `>` `>=`, `!`, then `.` `[ ]` and calls.
///
/// Everything GitHub rejects before running is rejected here: unknown functions and contexts, wrong argument
/// counts, misplaced tokens, and trees deeper than 50 levels. Errors point at the offending token.
struct Parser {
    /// GitHub's limit on the depth of an expression tree.
    static let maximumDepth = 50
    /// The contexts an expression may name.
    static let contextNames: Set<String> = [
        "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs",
    ]

    private let bytes: [UInt8]
    private let tokens: [Token]
    private let offsets: CharacterOffsets
    private var position = 0
    private var nesting = 0
    /// Lower-case names of the contexts the expression reads.
    private(set) var contexts: Set<String> = []

    init(_ source: String) {
        bytes = Array(source.utf8)
        tokens = Lexer.tokenize(bytes)
        offsets = CharacterOffsets(source, bytes: bytes)
    }

    /// The tree of the whole source, which must be exactly one expression.
    mutating func parse() throws(ExpressionError) -> Node {
        let root = try parseOr()
        guard current.kind == .end else {
            throw unexpected(current, expected: "an operator or the end of the expression")
        }
        guard root.height <= Parser.maximumDepth else {
            throw ExpressionError(offset: 0, message: "expression is nested deeper than \(Parser.maximumDepth) levels")
        }
        return root
    }

    private var current: Token { tokens[position] }

    private var following: Token { tokens[min(position + 1, tokens.count - 1)] }

    private mutating func advance() {
        position = min(position + 1, tokens.count - 1)
    }

    private mutating func parseOr() throws(ExpressionError) -> Node {
        var operands = [try parseAnd()]
        while current.kind == .or {
            advance()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(Node.flattening(operands, or: true))
    }

    private mutating func parseAnd() throws(ExpressionError) -> Node {
        var operands = [try parseEquality()]
        while current.kind == .and {
            advance()
            operands.append(try parseEquality())
        }
        return operands.count == 1 ? operands[0] : .and(Node.flattening(operands, or: false))
    }

    private mutating func parseEquality() throws(ExpressionError) -> Node {
        var left = try parseRelation()
        while true {
            let comparison: ComparisonOperator
            switch current.kind {
            case .equal: comparison = .equal
            case .notEqual: comparison = .notEqual
            default: return left
            }
            advance()
            left = .comparison(comparison, left, try parseRelation())
        }
    }

    private mutating func parseRelation() throws(ExpressionError) -> Node {
        var left = try parseUnary()
        while true {
            let comparison: ComparisonOperator
            switch current.kind {
            case .less: comparison = .less
            case .lessOrEqual: comparison = .lessOrEqual
            case .greater: comparison = .greater
            case .greaterOrEqual: comparison = .greaterOrEqual
            default: return left
            }
            advance()
            left = .comparison(comparison, left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Node {
        guard current.kind == .not else {
            return try parsePostfix()
        }
        try enterNesting()
        advance()
        let operand = try parseUnary()
        nesting -= 1
        return .not(operand)
    }

    /// An operand followed by any number of `.name`, `.*`, `[index]` and `[*]`, where the operand allows them:
    /// GitHub indexes contexts, calls, groups and other indexes, but not literals.
    private mutating func parsePostfix() throws(ExpressionError) -> Node {
        var (node, indexable) = try parsePrimary()
        while indexable {
            switch current.kind {
            case .dot:
                advance()
                switch current.kind {
                case .identifier(let name):
                    node = .index(node, key: .literal(.string(name)))
                case .star:
                    node = .filter(node)
                default:
                    throw unexpected(current, expected: "a property name or \"*\"")
                }
                advance()
            case .leftBracket:
                advance()
                if current.kind == .star, following.kind == .rightBracket {
                    advance()
                    node = .filter(node)
                } else {
                    try enterNesting()
                    node = .index(node, key: try parseOr())
                    nesting -= 1
                    guard current.kind == .rightBracket else {
                        throw unexpected(current, expected: "an operator or \"]\"")
                    }
                }
                advance()
            default:
                indexable = false
            }
        }
        return node
    }

    private mutating func parsePrimary() throws(ExpressionError) -> (Node, indexable: Bool) {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return (.literal(.number(value)), false)
        case .string(let value):
            advance()
            return (.literal(.string(value)), false)
        case .identifier("null"):
            advance()
            return (.literal(.null), false)
        case .identifier("true"), .identifier("false"):
            advance()
            return (.literal(.bool(token.kind == .identifier("true"))), false)
        case .identifier(let name) where following.kind == .leftParenthesis:
            return (try parseCall(name), true)
        case .identifier(let name):
            let lowercased = name.lowercased()
            guard Parser.contextNames.contains(lowercased) else {
                throw error(at: token, "unknown context \"\(name)\"")
            }
            contexts.insert(lowercased)
            advance()
            return (.context(lowercased), true)
        case .leftParenthesis:
            try enterNesting()
            advance()
            let inner = try parseOr()
            guard current.kind == .rightParenthesis else {
                throw unexpected(current, expected: "an operator or \")\"")
            }
            advance()
            nesting -= 1
            return (inner, true)
        default:
            throw unexpected(token, expected: "an operand")
        }
    }

    /// `name(arguments...)`, with the function known and the argument count within its arity.
    private mutating func parseCall(_ name: String) throws(ExpressionError) -> Node {
        let nameToken = current
        guard let function = Functions.named(name) else {
            throw error(at: nameToken, "unknown function \"\(name)\"")
        }
        try enterNesting()
        advance()
        advance()
        var arguments: [Node] = []
        if current.kind == .rightParenthesis {
            advance()
        } else {
            while true {
                arguments.append(try parseOr())
                if current.kind == .comma {
                    advance()
                } else if current.kind == .rightParenthesis {
                    advance()
                    break
                } else {
                    throw unexpected(current, expected: "an operator, \",\" or \")\"")
                }
            }
        }
        nesting -= 1
        guard function.arity.contains(arguments.count) else {
            let tooMany = arguments.count > function.arity.upperBound
            let takes = function.describeArity(tooMany: tooMany)
            throw error(at: nameToken, "function \"\(name)\" takes \(takes), got \(arguments.count)")
        }
        let offset = offsets.characters(before: nameToken.start)
        return .call(function, arguments: arguments, offset: offset)
    }

    /// Guards the recursion: parentheses alone add no depth in GitHub, but nothing real nests this far.
    private mutating func enterNesting() throws(ExpressionError) {
        nesting += 1
        if nesting > Parser.maximumDepth * 2 {
            throw error(at: current, "expression is nested deeper than \(Parser.maximumDepth) levels")
        }
    }

    private func unexpected(_ token: Token, expected: String) -> ExpressionError {
        switch token.kind {
        case .end:
            return error(at: token, "unexpected end of expression, expected \(expected)")
        case .invalid(let message):
            return error(at: token, message)
        default:
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            return error(at: token, "unexpected token \"\(text)\", expected \(expected)")
        }
    }

    private func error(at token: Token, _ message: String) -> ExpressionError {
        ExpressionError(offset: offsets.characters(before: token.start), message: message)
    }
}
