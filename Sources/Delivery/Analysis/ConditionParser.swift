/// Recursive descent over a condition's characters, type-checking as it builds the tree.
struct ConditionParser {
    enum Kind: String { case number, boolean }
    typealias Node = AnalysisCondition.Node
    typealias Typed = (node: Node, kind: Kind, offset: Int)

    let characters: [Character]
    var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    mutating func parseCondition() throws(ConditionError) -> Node {
        skipSpaces()
        if index == characters.count { throw ConditionError("the condition is empty", offset: 0) }
        let result = try parseOr()
        skipSpaces()
        if index < characters.count {
            throw ConditionError("unexpected \"\(characters[index])\" after a complete condition", offset: index)
        }
        guard result.kind == .boolean else {
            throw ConditionError(
                "a condition must be true or false, but it is a number; compare it, such as \"result < 0.05\"",
                offset: result.offset)
        }
        return result.node
    }

    private mutating func parseOr() throws(ConditionError) -> Typed {
        var left = try parseAnd()
        while consume("||") {
            let right = try parseAnd()
            try expect(.boolean, left, "||")
            try expect(.boolean, right, "||")
            left = (.or(left.node, right.node), .boolean, left.offset)
        }
        return left
    }

    private mutating func parseAnd() throws(ConditionError) -> Typed {
        var left = try parseComparison()
        while consume("&&") {
            let right = try parseComparison()
            try expect(.boolean, left, "&&")
            try expect(.boolean, right, "&&")
            left = (.and(left.node, right.node), .boolean, left.offset)
        }
        return left
    }

    private mutating func parseComparison() throws(ConditionError) -> Typed {
        let left = try parseSum()
        for op in ["==", "!=", "<=", ">=", "<", ">"] where consume(op) {
            let right = try parseSum()
            try expect(.number, left, op)
            try expect(.number, right, op)
            return (.comparison(op, left.node, right.node), .boolean, left.offset)
        }
        return left
    }

    private mutating func parseSum() throws(ConditionError) -> Typed {
        var left = try parseProduct()
        while let op = consumeOne(of: "+-") {
            let right = try parseProduct()
            try expect(.number, left, String(op))
            try expect(.number, right, String(op))
            left = (.arithmetic(op, left.node, right.node), .number, left.offset)
        }
        return left
    }

    private mutating func parseProduct() throws(ConditionError) -> Typed {
        var left = try parseUnary()
        while let op = consumeOne(of: "*/") {
            let right = try parseUnary()
            try expect(.number, left, String(op))
            try expect(.number, right, String(op))
            left = (.arithmetic(op, left.node, right.node), .number, left.offset)
        }
        return left
    }

    private mutating func parseUnary() throws(ConditionError) -> Typed {
        skipSpaces()
        let start = index
        if peek("!"), !peek("!=") {
            index += 1
            let operand = try parseUnary()
            try expect(.boolean, operand, "!")
            return (.not(operand.node), .boolean, start)
        }
        if consumeOne(of: "-") != nil {
            let operand = try parseUnary()
            try expect(.number, operand, "-")
            return (.negate(operand.node), .number, start)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ConditionError) -> Typed {
        skipSpaces()
        let start = index
        guard index < characters.count else {
            throw ConditionError("the condition ends where a value was expected", offset: index)
        }
        let character = characters[index]
        if character == "(" {
            index += 1
            let inner = try parseOr()
            guard consume(")") else { throw ConditionError("expected \")\" to close the \"(\"", offset: start) }
            return (inner.node, inner.kind, start)
        }
        if character.isNumber || character == "." { return try parseNumber() }
        if character.isLetter || character == "_" { return try parseName() }
        throw ConditionError("unexpected \"\(character)\", expected a number, a name or \"(\"", offset: index)
    }

    private mutating func parseNumber() throws(ConditionError) -> Typed {
        let start = index
        while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            index += 1
            if index < characters.count, characters[index] == "-" || characters[index] == "+" { index += 1 }
            while index < characters.count, characters[index].isNumber { index += 1 }
        }
        var text = String(characters[start..<index])
        if index < characters.count, characters[index] == "%" {
            index += 1
            text = String(characters[start..<(index - 1)])
            guard let percent = Double(text) else {
                throw ConditionError("\"\(text)%\" is not a number", offset: start)
            }
            return (.number(percent / 100), .number, start)
        }
        guard let number = Double(text) else { throw ConditionError("\"\(text)\" is not a number", offset: start) }
        return (.number(number), .number, start)
    }

    private mutating func parseName() throws(ConditionError) -> Typed {
        let start = index
        while index < characters.count,
            characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
        {
            index += 1
        }
        let name = String(characters[start..<index])
        if name == "true" || name == "false" { return (.boolean(name == "true"), .boolean, start) }
        if let arity = AnalysisCondition.functions[name] {
            return try parseCall(name, arity: arity, start: start)
        }
        guard AnalysisCondition.names.contains(name) else {
            var message = "unknown name \"\(name)\""
            let candidates = AnalysisCondition.names + AnalysisCondition.functions.keys.sorted()
            if let suggestion = SpecParseContext.closest(to: name, in: candidates) {
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; a condition may read \(SpecParseContext.quoted(AnalysisCondition.names))"
            }
            throw ConditionError(message, offset: start)
        }
        return (.name(name), .number, start)
    }

    private mutating func parseCall(_ name: String, arity: Int, start: Int) throws(ConditionError) -> Typed {
        guard consume("(") else {
            throw ConditionError("\"\(name)\" is a function; call it as \"\(name)(...)\"", offset: start)
        }
        var arguments: [Node] = []
        if !consume(")") {
            repeat {
                let argument = try parseOr()
                try expect(.number, argument, name)
                arguments.append(argument.node)
            } while consume(",")
            guard consume(")") else {
                throw ConditionError("expected \")\" to close the call of \"\(name)\"", offset: index)
            }
        }
        guard arguments.count == arity else {
            throw ConditionError(
                "function \"\(name)\" takes \(arity) argument\(arity == 1 ? "" : "s"), got \(arguments.count)",
                offset: start)
        }
        return (.call(name, arguments), .number, start)
    }

    private func expect(_ kind: Kind, _ operand: Typed, _ op: String) throws(ConditionError) {
        guard operand.kind != kind else { return }
        let found = operand.kind == .number ? "a number" : "true or false"
        let wanted = kind == .number ? "numbers" : "true or false"
        throw ConditionError("\"\(op)\" takes \(wanted), but this is \(found)", offset: operand.offset)
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func peek(_ text: String) -> Bool {
        skipSpaces()
        let needed = Array(text)
        return index + needed.count <= characters.count && Array(characters[index..<(index + needed.count)]) == needed
    }

    private mutating func consume(_ text: String) -> Bool {
        guard peek(text) else { return false }
        index += text.count
        return true
    }

    private mutating func consumeOne(of set: String) -> Character? {
        skipSpaces()
        guard index < characters.count, set.contains(characters[index]) else { return nil }
        if characters[index] == "-" || characters[index] == "+", index + 1 < characters.count,
            characters[index + 1] == "="
        {
            return nil
        }
        let found = characters[index]
        index += 1
        return found
    }
}
