import Diagnostics

/// Collects diagnostics while a parser walks a document, with the checks every section shares.
struct ParseContext {
    var diagnostics: [Diagnostic] = []

    mutating func error(_ location: SourceLocation, _ message: String, rule: String = "syntax", notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(.error, at: location, message, rule: rule, notes: notes))
    }

    mutating func warning(_ location: SourceLocation, _ message: String, rule: String) {
        diagnostics.append(Diagnostic(.warning, at: location, message, rule: rule))
    }

    /// The entries of a mapping; reports anything else as an error and returns nil.
    mutating func mapping(_ value: YAMLValue, _ what: String) -> [YAMLEntry]? {
        if let entries = value.entries { return entries }
        error(value.location, "\(what) must be a mapping, but it is \(value.kindDescription)")
        return nil
    }

    /// The entries of a mapping, where null means empty.
    mutating func optionalMapping(_ value: YAMLValue?, _ what: String) -> [YAMLEntry] {
        guard let value, !value.isNull else { return [] }
        return mapping(value, what) ?? []
    }

    /// A scalar's text; reports a mapping or sequence as an error.
    mutating func scalar(_ value: YAMLValue, _ what: String) -> YAMLScalar? {
        if let scalar = value.scalar { return scalar }
        error(value.location, "\(what) must be a string, but it is \(value.kindDescription)")
        return nil
    }

    /// A mapping whose values must be scalars (`with:`, `env:`): a nested sequence or mapping is an error.
    mutating func scalarMapping(_ value: YAMLValue?, _ what: String) -> [YAMLEntry] {
        let entries = optionalMapping(value, what)
        for entry in entries where entry.value.entries != nil || entry.value.items != nil {
            error(
                entry.key.location,
                "the value of \"\(entry.key.text)\" under \(what) must be a string, number or boolean, but it is \(entry.value.kindDescription)")
        }
        return entries
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func scalarList(_ value: YAMLValue, _ what: String) -> [YAMLScalar] {
        switch value {
        case .scalar(let scalar): return [scalar]
        case .null: return []
        case .sequence(let items, _): return items.compactMap { scalar($0, "each item of \(what)") }
        case .mapping: error(value.location, "\(what) must be a string or a sequence of strings, but it is a mapping")
        }
        return []
    }

    /// Reports every key of `entries` that is not in `allowed`, naming the section and the closest known key.
    mutating func checkKeys(_ entries: [YAMLEntry], allowed: [String], in section: String) {
        for entry in entries where !allowed.contains(entry.key.text) {
            var message = "unexpected key \"\(entry.key.text)\" for \(section)"
            if let suggestion = Self.closest(to: entry.key.text, in: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))"
            }
            error(entry.key.location, message)
        }
    }

    /// The allowed word within edit distance 2, if there is one.
    static func closest(to word: String, in candidates: [String]) -> String? {
        candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
