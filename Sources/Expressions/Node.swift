/// The parsed form of an expression: what the evaluator walks.
///
/// Property access `a.b` is an index with a string literal key, as in GitHub. `&&` and `||` chains are
/// flattened into one node, which keeps the tree as shallow as GitHub's when depth is checked.
indirect enum Node: Sendable, Hashable {
    /// `null`, `true`, a number or a string.
    case literal(Value)
    /// A context by lower-case name, such as `github`.
    case context(String)
    /// `base[key]` or `base.key`.
    case index(Node, key: Node)
    /// `base.*` or `base[*]`: the elements of an array or values of an object.
    case filter(Node)
    /// `!operand`.
    case not(Node)
    /// `left op right` for one of the six comparisons.
    case comparison(ComparisonOperator, Node, Node)
    /// `a && b && ...`: the first falsy operand, or the last one.
    case and([Node])
    /// `a || b || ...`: the first truthy operand, or the last one.
    case or([Node])
    /// A function call; `offset` is the character offset of its name, where evaluation errors point.
    case call(FunctionDefinition, arguments: [Node], offset: Int)

    /// The operands of an `||` (or `&&`) chain with nested chains of the same operator merged in, as GitHub
    /// merges them, so that `(a || b) || c` has the shape of `a || b || c`.
    static func flattening(_ operands: [Node], or: Bool) -> [Node] {
        operands.flatMap { operand -> [Node] in
            switch operand {
            case .or(let inner) where or: inner
            case .and(let inner) where !or: inner
            default: [operand]
            }
        }
    }

    /// The number of levels from this node down to its deepest leaf, counted as GitHub counts them.
    var height: Int {
        switch self {
        case .literal, .context:
            1
        case .index(let base, let key):
            1 + max(base.height, key.height)
        case .filter(let base):
            // GitHub keeps the `*` as a leaf next to the base.
            1 + max(base.height, 1)
        case .not(let operand):
            1 + operand.height
        case .comparison(_, let left, let right):
            1 + max(left.height, right.height)
        case .and(let operands), .or(let operands):
            1 + (operands.map(\.height).max() ?? 0)
        case .call(_, let arguments, _):
            1 + (arguments.map(\.height).max() ?? 0)
        }
    }

    /// Whether a status function (`success`, `failure`, `cancelled`, `always`) is called anywhere in the tree.
    var callsStatusFunction: Bool {
        switch self {
        case .literal, .context:
            false
        case .index(let base, let key):
            base.callsStatusFunction || key.callsStatusFunction
        case .filter(let base), .not(let base):
            base.callsStatusFunction
        case .comparison(_, let left, let right):
            left.callsStatusFunction || right.callsStatusFunction
        case .and(let operands), .or(let operands):
            operands.contains { $0.callsStatusFunction }
        case .call(let function, let arguments, _):
            function.isStatusFunction || arguments.contains { $0.callsStatusFunction }
        }
    }
}

/// The comparison operators, from `==` to `>=`.
enum ComparisonOperator: Sendable, Hashable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

    /// The result of `left op right` under GitHub's coercion rules.
    func apply(_ left: Value, _ right: Value) -> Bool {
        switch self {
        case .equal: left.looselyEquals(right)
        case .notEqual: !left.looselyEquals(right)
        case .less: left.isLess(than: right)
        case .lessOrEqual: left.looselyEquals(right) || left.isLess(than: right)
        case .greater: left.isGreater(than: right)
        case .greaterOrEqual: left.looselyEquals(right) || left.isGreater(than: right)
        }
    }
}
