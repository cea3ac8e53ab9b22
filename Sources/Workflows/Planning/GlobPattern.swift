/// GitHub's filter-pattern syntax for branches, tags and paths: `*` (not `/`), `**` (anything), `?`, `+` after a
/// character or set, `[...]` sets and ranges, and `\` escapes. Also used for `hashFiles`, cache and artifact paths.
public struct GlobPattern: Sendable, Hashable {
    enum Token: Hashable, Sendable {
        case literal(Character)
        case anyOne          // ?
        case star            // *
        case globstar        // **
        case set([ClosedRange<Character>], negated: Bool)
        indirect case oneOrMore(Token)  // x+
    }

    public let source: String
    let tokens: [Token]

    public init(_ source: String) {
        self.source = source
        var tokens: [Token] = []
        let characters = Array(source)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    tokens.append(.globstar)
                    index += 1
                    // `**/` also matches zero directories.
                    if index + 1 < characters.count, characters[index + 1] == "/" { index += 1; tokens.append(.literal("\u{0}")) }
                } else {
                    tokens.append(.star)
                }
            case "?": tokens.append(.anyOne)
            case "+":
                if let last = tokens.popLast() { tokens.append(.oneOrMore(last)) } else { tokens.append(.literal("+")) }
            case "\\" where index + 1 < characters.count:
                index += 1
                tokens.append(.literal(characters[index]))
            case "[":
                if let close = characters[(index + 1)...].firstIndex(of: "]") {
                    var body = Array(characters[(index + 1)..<close])
                    let negated = body.first == "!" || body.first == "^"
                    if negated { body.removeFirst() }
                    var ranges: [ClosedRange<Character>] = []
                    var at = 0
                    while at < body.count {
                        if at + 2 < body.count, body[at + 1] == "-" {
                            ranges.append(body[at]...max(body[at], body[at + 2]))
                            at += 3
                        } else {
                            ranges.append(body[at]...body[at])
                            at += 1
                        }
                    }
                    tokens.append(.set(ranges, negated: negated))
                    index = close
                } else {
                    tokens.append(.literal("["))
                }
            default: tokens.append(.literal(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var memo: [Int: Bool] = [:]
        return match(0, characters, 0, &memo)
    }

    private func match(_ t: Int, _ s: [Character], _ i: Int, _ memo: inout [Int: Bool]) -> Bool {
        let key = t * (s.count + 1) + i
        if let known = memo[key] { return known }
        let result: Bool
        if t == tokens.count {
            result = i == s.count
        } else {
            switch tokens[t] {
            case .literal("\u{0}"):
                // Marks the `/` after `**`: consume a slash, or none when `**` matched nothing.
                if i < s.count, s[i] == "/" { result = match(t + 1, s, i + 1, &memo) || match(t + 1, s, i, &memo) }
                else { result = match(t + 1, s, i, &memo) }
            case .globstar:
                result = (i...s.count).contains { match(t + 1, s, $0, &memo) }
            case .star:
                var end = i
                var found = match(t + 1, s, i, &memo)
                while !found, end < s.count, s[end] != "/" {
                    end += 1
                    found = match(t + 1, s, end, &memo)
                }
                result = found
            case .oneOrMore(let inner):
                var end = i
                var found = false
                while !found, end < s.count, Self.single(inner, s[end]) {
                    end += 1
                    found = match(t + 1, s, end, &memo)
                }
                result = found
            case let token:
                result = i < s.count && Self.single(token, s[i]) && match(t + 1, s, i + 1, &memo)
            }
        }
        memo[key] = result
        return result
    }

    private static func single(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case .literal(let literal): return literal == character
        case .anyOne: return character != "/"
        case .set(let ranges, let negated): return ranges.contains { $0.contains(character) } != negated
        default: return false
        }
    }

    /// Whether the pattern has any wildcard; a plain path can be looked up directly.
    public var isLiteral: Bool { tokens.allSatisfy { if case .literal = $0 { return true } else { return false } } }
}

/// An ordered list of patterns where `!pattern` excludes what earlier patterns included, as GitHub filters work.
public struct PatternList: Sendable {
    let patterns: [(pattern: GlobPattern, negated: Bool)]

    public init(_ sources: [String]) {
        patterns = sources.map { source in
            source.hasPrefix("!") ? (GlobPattern(String(source.dropFirst())), true) : (GlobPattern(source), false)
        }
    }

    /// Whether the last pattern that matches `text` is a positive one.
    public func matches(_ text: String) -> Bool {
        var included = false
        for (pattern, negated) in patterns where pattern.matches(text) {
            included = !negated
        }
        return included
    }
}
