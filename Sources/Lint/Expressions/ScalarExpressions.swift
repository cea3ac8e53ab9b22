import Expressions
import Workflows

extension YAMLScalar {
    /// The expressions in this scalar, each with the character offset of its source text in `text`.
    ///
    /// A scalar holding `${{ }}` is read as a template; a condition (`if:`) without one is one bare expression.
    /// Scalars whose expressions do not parse give nothing: the `expression` rule already reports them.
    func expressions(isCondition: Bool = false) -> [(expression: Expression, offset: Int)] {
        guard text.contains(bytes: "${{") else {
            guard isCondition, let expression = try? Expression.parse(text) else { return [] }
            return [(expression, 0)]
        }
        guard let template = try? Template.parse(text) else { return [] }
        // Offsets count characters; for ASCII text (nearly every workflow) they are UTF-8 offsets.
        let ascii = text.isASCII
        let bytes = ascii ? Array(text.utf8) : []
        let characters = ascii ? [] : Array(text)
        return template.segments.compactMap { segment in
            guard case .expression(let expression, let open) = segment else { return nil }
            var start = open + 3
            if ascii {
                while start < bytes.count, bytes[start] == 32 || bytes[start] == 9 || bytes[start] == 10 { start += 1 }
            } else {
                while start < characters.count, characters[start].isWhitespace { start += 1 }
            }
            return (expression, start)
        }
    }

    /// Every context read by the expressions in this scalar, located by character offset in `text`.
    func contextReferences(isCondition: Bool = false) -> [ContextReference] {
        expressions(isCondition: isCondition).flatMap { expression, offset in
            ContextReference.scan(expression.source, base: offset)
        }
    }
}

extension YAMLValue {
    /// Every scalar in the value, keys included, with the key each value scalar sits under.
    func forEachScalar(underKey key: String? = nil, _ body: (YAMLScalar, _ key: String?) -> Void) {
        switch self {
        case .null: return
        case .scalar(let scalar): body(scalar, key)
        case .sequence(let items, _):
            for item in items { item.forEachScalar(underKey: key, body) }
        case .mapping(let entries, _):
            for entry in entries {
                body(entry.key, nil)
                entry.value.forEachScalar(underKey: entry.key.text, body)
            }
        }
    }
}
