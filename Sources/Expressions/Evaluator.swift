/// Walks a parsed expression against an `EvaluationContext`, following GitHub's rules.
///
/// Results remember whether they came out of a `*` filter: indexing such a result applies the index to each
/// element instead of to the array itself, as `github.event.commits.*.author.name` needs. The mark survives
/// `&&` and `||`, which return one of their operands, and is dropped by everything else.
struct Evaluator {
    /// An intermediate result: a value, and whether it is the output of a filter.
    struct Result {
        var value: Value
        var isFiltered = false
    }

    let context: EvaluationContext

    /// The value of `node`.
    func evaluate(_ node: Node) throws(ExpressionError) -> Value {
        try result(of: node).value
    }

    private func result(of node: Node) throws(ExpressionError) -> Result {
        switch node {
        case .literal(let value):
            return Result(value: value)
        case .context(let name):
            return Result(value: context.contexts[name] ?? .null)
        case .index(let base, let key):
            return try index(try result(of: base), key: key)
        case .filter(let base):
            return filter(try result(of: base))
        case .not(let operand):
            return Result(value: .bool(!(try evaluate(operand).isTruthy)))
        case .comparison(let comparison, let left, let right):
            let leftValue = try evaluate(left)
            let rightValue = try evaluate(right)
            return Result(value: .bool(comparison.apply(leftValue, rightValue)))
        case .and(let operands):
            return try shortCircuit(operands, stopWhenTruthy: false)
        case .or(let operands):
            return try shortCircuit(operands, stopWhenTruthy: true)
        case .call(let function, let arguments, let offset):
            let call = FunctionCall(arguments: arguments, offset: offset, evaluator: self)
            return Result(value: try function.body(call))
        }
    }

    /// The first operand whose truthiness is `stopWhenTruthy`, or the last operand.
    private func shortCircuit(_ operands: [Node], stopWhenTruthy: Bool) throws(ExpressionError) -> Result {
        var last = Result(value: .null)
        for operand in operands {
            last = try result(of: operand)
            if last.value.isTruthy == stopWhenTruthy {
                return last
            }
        }
        return last
    }

    /// `base.*`: the elements of an array or the values of an object; an empty array for anything else. On a
    /// filter's output it flattens one level: the elements of each array and the values of each object.
    private func filter(_ base: Result) -> Result {
        guard base.isFiltered, case .array(let items) = base.value else {
            return Result(value: .array(base.value.filterElements), isFiltered: true)
        }
        var flattened: [Value] = []
        for item in items {
            flattened.append(contentsOf: item.filterElements)
        }
        return Result(value: .array(flattened), isFiltered: true)
    }

    /// `base[key]`. Objects take the key as a string (exact, then ignoring case); arrays take it as a number,
    /// rounded down; a missing member, a bad index or a base that is no collection gives `null`. On a filter's
    /// output the index applies to every element, skipping those where it finds nothing.
    private func index(_ base: Result, key keyNode: Node) throws(ExpressionError) -> Result {
        switch base.value {
        case .array(let items) where base.isFiltered:
            let key = try evaluate(keyNode)
            let name = IndexKey.name(of: key)
            let position = IndexKey.position(of: key)
            var found: [Value] = []
            for item in items {
                switch item {
                case .object(let members):
                    if let name, let value = Value.member(named: name, in: members) {
                        found.append(value)
                    }
                case .array(let elements):
                    if let position, position < elements.count {
                        found.append(elements[position])
                    }
                default:
                    continue
                }
            }
            return Result(value: .array(found), isFiltered: true)
        case .object(let members):
            guard let name = IndexKey.name(of: try evaluate(keyNode)) else { return Result(value: .null) }
            return Result(value: Value.member(named: name, in: members) ?? .null)
        case .array(let elements):
            guard let position = IndexKey.position(of: try evaluate(keyNode)), position < elements.count else {
                return Result(value: .null)
            }
            return Result(value: elements[position])
        default:
            return Result(value: .null)
        }
    }
}

/// The two ways GitHub reads an index value: as an object key and as an array position.
private enum IndexKey {
    /// The key for objects: a primitive converted to a string; `nil` for arrays and objects.
    static func name(of value: Value) -> String? {
        value.isPrimitive ? value.stringValue : nil
    }

    /// The position for arrays: the number rounded down; `nil` if `NaN`, negative or beyond `Int32.max`.
    static func position(of value: Value) -> Int? {
        let number = value.numberValue
        guard !number.isNaN, number >= 0 else { return nil }
        let floored = number.rounded(.down)
        return floored > Double(Int32.max) ? nil : Int(floored)
    }
}
