/// Credential formats that are recognisable on their own: a fixed prefix followed by enough characters of the
/// token's alphabet.
enum SecretPatterns {
    /// The characters a token's body is made of.
    enum Alphabet {
        case alphanumeric, word, upperDigits, url

        func contains(_ byte: UInt8) -> Bool {
            let isDigit = byte >= 48 && byte <= 57
            let isUpper = byte >= 65 && byte <= 90
            let isLower = byte >= 97 && byte <= 122
            switch self {
            case .alphanumeric: return isDigit || isUpper || isLower
            case .word: return isDigit || isUpper || isLower || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            case .upperDigits: return isDigit || isUpper
            case .url: return Alphabet.word.contains(byte) || byte == UInt8(ascii: "/")
            }
        }
    }

    struct Pattern {
        var name: String
        var prefix: [UInt8]
        /// Characters after the prefix; 0 for private keys, which are matched by their header line.
        var minimumLength: Int
        var alphabet: Alphabet
    }

    struct Match {
        var name: String
        /// Character offset in the text.
        var offset: Int
        var preview: String
    }

    static let patterns: [Pattern] = [
        Pattern(name: "a GitHub token", prefix: Array("ghp_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a GitHub token", prefix: Array("gho_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a GitHub token", prefix: Array("ghu_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a GitHub token", prefix: Array("ghs_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a GitHub token", prefix: Array("ghr_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a GitHub token", prefix: Array("github_pat_".utf8), minimumLength: 60, alphabet: .word),
        Pattern(name: "an AWS access key", prefix: Array("AKIA".utf8), minimumLength: 16, alphabet: .upperDigits),
        Pattern(name: "an AWS access key", prefix: Array("ASIA".utf8), minimumLength: 16, alphabet: .upperDigits),
        Pattern(name: "a Slack token", prefix: Array("xoxb-".utf8), minimumLength: 20, alphabet: .word),
        Pattern(name: "a Slack token", prefix: Array("xoxp-".utf8), minimumLength: 20, alphabet: .word),
        Pattern(
            name: "a Slack webhook", prefix: Array("hooks.slack.com/services/T".utf8), minimumLength: 20, alphabet: .url
        ),
        Pattern(name: "a Stripe key", prefix: Array("sk_live_".utf8), minimumLength: 20, alphabet: .alphanumeric),
        Pattern(name: "a Stripe key", prefix: Array("rk_live_".utf8), minimumLength: 20, alphabet: .alphanumeric),
        Pattern(name: "a Google API key", prefix: Array("AIza".utf8), minimumLength: 35, alphabet: .word),
        Pattern(name: "an npm token", prefix: Array("npm_".utf8), minimumLength: 36, alphabet: .alphanumeric),
        Pattern(name: "a PyPI token", prefix: Array("pypi-AgEIcHlwaS5vcmc".utf8), minimumLength: 40, alphabet: .word),
        Pattern(name: "a GitLab token", prefix: Array("glpat-".utf8), minimumLength: 20, alphabet: .word),
        Pattern(name: "an Anthropic API key", prefix: Array("sk-ant-".utf8), minimumLength: 40, alphabet: .word),
        Pattern(name: "a private key", prefix: Array("-----BEGIN ".utf8), minimumLength: 0, alphabet: .word),
    ]

    private static let placeholders = ["XXXX", "xxxx", "EXAMPLE", "example", "0000000000", "1234567890", "abcdef"]

    /// For each byte value, the patterns whose prefix starts with it.
    private static let patternsByFirstByte: [[Pattern]] = (0..<256).map { byte in
        patterns.filter { $0.prefix[0] == UInt8(byte) }
    }

    /// The first credential in `text`, if any.
    static func firstMatch(in text: String) -> Match? {
        guard text.utf8.count >= 20 else { return nil }
        let bytes = Array(text.utf8)
        for start in bytes.indices {
            for pattern in patternsByFirstByte[Int(bytes[start])] {
                guard bytes[start...].starts(with: pattern.prefix),
                    start == 0 || !Alphabet.alphanumeric.contains(bytes[start - 1])
                else { continue }
                let body = start + pattern.prefix.count
                var end = body
                if pattern.minimumLength == 0 {
                    // `-----BEGIN RSA PRIVATE KEY-----` and friends; public keys and certificates are fine.
                    let line = String(decoding: bytes[start..<min(bytes.count, start + 60)], as: UTF8.self)
                    guard line.contains(bytes: "PRIVATE KEY-----") else { continue }
                    end = start + 11
                } else {
                    while end < bytes.count, pattern.alphabet.contains(bytes[end]) { end += 1 }
                    guard end - body >= pattern.minimumLength else { continue }
                }
                let token = String(decoding: bytes[start..<end], as: UTF8.self)
                if placeholders.contains(where: { token.contains(bytes: $0) }) { continue }
                let offset = String(decoding: bytes[..<start], as: UTF8.self).count
                return Match(name: pattern.name, offset: offset, preview: preview(token))
            }
        }
        return nil
    }

    /// The start of a credential, enough to find it and not enough to use it.
    static func preview(_ token: String) -> String {
        String(token.prefix(min(8, max(4, token.count / 4)))) + "…"
    }
}
