import Diagnostics
import Workflows

extension GatePolicy {
    /// The rule id of every mistake in a policy file (YAML syntax errors keep `syntax`).
    public static let rule = "gate-policy"

    /// Parses a policy file. Returns every mistake as a diagnostic at its `path:line:column`, and the policy when
    /// there were no errors.
    public static func parse(_ text: String, file: String) -> (GatePolicy?, [Diagnostic]) {
        let (value, syntax) = YAMLReader.read(text, file: file)
        guard let value, !syntax.hasErrors else { return (nil, syntax) }
        var parser = PolicyParser(file: file)
        let policy = parser.policy(value)
        let diagnostics = (syntax + parser.diagnostics).sortedByLocation()
        return (diagnostics.hasErrors ? nil : policy, diagnostics)
    }
}

/// Walks a policy's YAML tree, collecting every mistake and going on.
struct PolicyParser {
    static let sections = ["tests", "coverage", "sarif", "metrics"]
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func policy(_ value: YAMLValue) -> GatePolicy {
        var policy = GatePolicy(file: file)
        guard !value.isNull else {
            error(value.location, "the policy is empty; add at least one of \(Self.quoted(Self.sections))")
            return policy
        }
        guard let entries = mapping(value, "the policy") else { return policy }
        checkKeys(entries, allowed: Self.sections, in: "the policy")
        for entry in entries {
            switch entry.key.text {
            case "tests": policy.tests = tests(entry)
            case "coverage": policy.coverage = coverage(entry)
            case "sarif": policy.sarif = sarif(entry)
            case "metrics": policy.metrics = metrics(entry)
            default: break
            }
        }
        let hasRules = policy.tests != nil || policy.coverage != nil || policy.sarif != nil || !policy.metrics.isEmpty
        if !hasRules && !diagnostics.hasErrors {
            error(value.location, "the policy has no rules; add at least one of \(Self.quoted(Self.sections))")
        }
        return policy
    }

    mutating func error(_ location: SourceLocation, _ message: String, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(.error, at: location, message, rule: GatePolicy.rule, notes: notes))
    }

    mutating func warning(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location, message, rule: GatePolicy.rule))
    }

    /// The entries of a mapping; anything else is an error.
    mutating func mapping(_ value: YAMLValue, _ what: String) -> [YAMLEntry]? {
        if let entries = value.entries { return entries }
        error(value.location, "\(what) must be a mapping, but it is \(value.kindDescription)")
        return nil
    }

    /// Reports every key not in `allowed`, with the closest allowed key when one is near.
    mutating func checkKeys(_ entries: [YAMLEntry], allowed: [String], in section: String) {
        for entry in entries where !allowed.contains(entry.key.text) {
            var message = "unknown key \"\(entry.key.text)\" in \(section)"
            if let suggestion = Self.closest(to: entry.key.text, in: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
            } else {
                message += "; expected one of \(Self.quoted(allowed))"
            }
            error(entry.key.location, message)
        }
    }

    /// A string, or a list of strings: glob patterns and test identifiers.
    mutating func strings(_ value: YAMLValue, _ what: String) -> [String] {
        switch value {
        case .scalar(let scalar): return [scalar.text]
        case .sequence(let items, _):
            return items.compactMap { item in
                if let scalar = item.scalar { return scalar.text }
                error(item.location, "each item of \(what) must be a string, but it is \(item.kindDescription)")
                return nil
            }
        case .null, .mapping:
            error(value.location, "\(what) must be a string or a list of strings, but it is \(value.kindDescription)")
            return []
        }
    }

    /// A single string.
    mutating func string(_ value: YAMLValue, _ what: String) -> String? {
        if let scalar = value.scalar, !scalar.text.isEmpty { return scalar.text }
        error(value.location, "\(what) must be a non-empty string, but it is \(Self.describe(value))")
        return nil
    }

    /// A number written as a plain YAML scalar (a trailing `%` is allowed where `percent` is set).
    mutating func number(_ value: YAMLValue, _ what: String, percent: Bool = false) -> Threshold<Double>? {
        guard let scalar = value.scalar, scalar.style == .plain else {
            error(value.location, "\(what) must be a number, but it is \(Self.describe(value))")
            return nil
        }
        let text = percent && scalar.text.hasSuffix("%") ? String(scalar.text.dropLast()) : scalar.text
        guard let number = Double(text), number.isFinite else {
            error(value.location, "\(what) must be a number, but it is \(Self.describe(value))")
            return nil
        }
        return Threshold(number, at: scalar.location)
    }

    /// A whole number of at least 0: a count of tests or findings.
    mutating func count(_ value: YAMLValue, _ what: String) -> Threshold<Int>? {
        guard let number = number(value, what) else { return nil }
        guard number.value >= 0, number.value.rounded() == number.value, number.value < 1e15 else {
            error(value.location, "\(what) must be a whole number of at least 0, but it is \(value.scalar?.text ?? "")")
            return nil
        }
        return Threshold(Int(number.value), at: number.location)
    }

    /// A coverage percentage from 0 to 100; a fraction like 0.8 is accepted with a warning, as it is likely a mistake.
    mutating func percentage(_ value: YAMLValue, _ what: String) -> Threshold<Double>? {
        guard let number = number(value, what, percent: true) else { return nil }
        guard (0...100).contains(number.value) else {
            error(value.location, "\(what) is a percentage from 0 to 100, but it is \(value.scalar?.text ?? "")")
            return nil
        }
        if number.value > 0 && number.value <= 1 {
            let intended = NumberText.plain(number.value * 100)
            warning(
                value.location,
                "\(what) is \(value.scalar?.text ?? "")%, which is almost nothing; did you mean \(intended)?")
        }
        return number
    }

    static func describe(_ value: YAMLValue) -> String {
        guard let scalar = value.scalar else { return value.kindDescription }
        if scalar.style == .plain && ["true", "false", "yes", "no", "on", "off"].contains(scalar.text.lowercased()) {
            return "the boolean \(scalar.text)"
        }
        return scalar.style == .plain ? "\"\(scalar.text)\"" : "the quoted string \"\(scalar.text)\""
    }

    static func quoted(_ words: [String]) -> String { words.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// The allowed word within edit distance 2, if there is one.
    static func closest(to word: String, in candidates: [String]) -> String? {
        candidates.map { ($0, editDistance(Array(word.lowercased()), Array($0.lowercased()))) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
