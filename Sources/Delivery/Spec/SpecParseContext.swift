import Diagnostics
import Workflows

/// Collects diagnostics while the spec parser walks a document, with the checks every section shares.
///
/// Mirrors the workflow parser's context (which is internal to `Workflows`) so messages read the same.
struct SpecParseContext {
    var diagnostics: [Diagnostic] = []
    /// The analysis templates the spec defines, for checking references.
    var templateNames: [String] = []
    /// The templates something refers to, for the unused-template warning.
    var usedTemplates: Set<String> = []
    /// Keys suggested for a misspelling, by mapping position, so the key is not also reported missing.
    var suggestedKeys: Set<String> = []

    mutating func error(
        _ location: SourceLocation, _ message: String, rule: String = "syntax", notes: [Diagnostic.Note] = []
    ) {
        diagnostics.append(Diagnostic(.error, at: location, message, rule: rule, notes: notes))
    }

    mutating func warning(_ location: SourceLocation, _ message: String, rule: String) {
        diagnostics.append(Diagnostic(.warning, at: location, message, rule: rule))
    }

    /// The entries of a mapping, checked against `allowed`; anything else is reported and gives nil.
    mutating func mapping(_ value: YAMLValue, _ what: String, allowed: [String]? = nil) -> [YAMLEntry]? {
        guard let entries = value.entries else {
            error(value.location, "\(what) must be a mapping, but it is \(value.kindDescription)")
            return nil
        }
        if let allowed { checkKeys(entries, of: value, allowed: allowed, in: what) }
        return entries
    }

    /// A scalar; reports a mapping, sequence or null as an error.
    mutating func scalar(_ value: YAMLValue, _ what: String) -> YAMLScalar? {
        if let scalar = value.scalar { return scalar }
        error(value.location, "\(what) must be a string, but it is \(value.kindDescription)")
        return nil
    }

    /// A non-empty string.
    mutating func string(_ value: YAMLValue, _ what: String) -> String? {
        guard let scalar = scalar(value, what) else { return nil }
        if scalar.text.isEmpty {
            error(scalar.location, "\(what) must not be empty")
            return nil
        }
        return scalar.text
    }

    /// A list of strings; a single scalar counts as a list of one.
    mutating func stringList(_ value: YAMLValue, _ what: String) -> [String] {
        switch value {
        case .scalar(let scalar): return [scalar.text]
        case .null: return []
        case .sequence(let items, _): return items.compactMap { scalar($0, "each item of \(what)")?.text }
        case .mapping: error(value.location, "\(what) must be a string or a sequence of strings, but it is a mapping")
        }
        return []
    }

    /// A mapping of strings to strings (`env:`).
    mutating func stringMapping(_ value: YAMLValue, _ what: String) -> [String: String] {
        guard let entries = mapping(value, what) else { return [:] }
        var result: [String: String] = [:]
        for entry in entries {
            guard let scalar = entry.value.scalar else {
                error(
                    entry.value.location,
                    "the value of \"\(entry.key.text)\" under \(what) must be a string, but it is "
                        + "\(entry.value.kindDescription)"
                )
                continue
            }
            result[entry.key.text] = scalar.text
        }
        return result
    }

    /// A key that must be present; reports its absence at the mapping (with `message` when given), unless a
    /// misspelling of it was already reported there.
    mutating func required(_ value: YAMLValue, _ key: String, in what: String, message: String? = nil) -> YAMLValue? {
        if let found = value[key] { return found }
        if !suggestedKeys.contains("\(value.location)#\(key)") {
            error(value.location, message ?? "\(what) has no \"\(key)\"")
        }
        return nil
    }

    /// Exactly one of `kinds` must be a key of `entries` (`target: {local: ...}`); returns it.
    mutating func oneOf(_ value: YAMLValue, _ kinds: [String], in what: String) -> YAMLEntry? {
        guard let entries = mapping(value, what) else { return nil }
        checkKeys(entries, of: value, allowed: kinds, in: what)
        let known = entries.filter { kinds.contains($0.key.text) }
        if known.count > 1 {
            error(
                known[1].key.location,
                "\(what) must have exactly one of \(Self.quoted(kinds)), but it has \"\(known[0].key.text)\" and "
                    + "\"\(known[1].key.text)\""
            )
            return nil
        }
        if entries.isEmpty {
            error(value.location, "\(what) must have one of \(Self.quoted(kinds))")
        }
        return known.first
    }

    /// Reports every key of `entries` (the mapping `value`) that is not in `allowed`, naming the section and the
    /// closest known key.
    mutating func checkKeys(_ entries: [YAMLEntry], of value: YAMLValue, allowed: [String], in section: String) {
        for entry in entries where !allowed.contains(entry.key.text) {
            var message = "unexpected key \"\(entry.key.text)\" for \(section)"
            if let suggestion = Self.closest(to: entry.key.text, in: allowed) {
                suggestedKeys.insert("\(value.location)#\(suggestion)")
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; expected one of \(Self.quoted(allowed))"
            }
            error(entry.key.location, message)
        }
    }

    /// `"a", "b", "c"`.
    static func quoted(_ words: [String]) -> String {
        words.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// The closest candidate (ignoring case) within 1 edit for words up to 4 characters and 2 edits for longer
    /// ones, where swapping two neighbours counts as one edit.
    static func closest(to word: String, in candidates: [String]) -> String? {
        candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= (word.count <= 4 ? 1 : 2) }
            .min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
