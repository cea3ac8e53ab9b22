import Diagnostics
import Foundation
import Workflows

/// Credentials written into the workflow file: tokens with a known format anywhere (GitHub, AWS, Slack, npm,
/// PyPI, Stripe, Google, GitLab, private keys), and long random literals under keys named like secrets
/// (`API_TOKEN: 8f2c…`).
public struct HardcodedSecretRule: LintRule {
    public static let id = "hardcoded-secret"
    public static let severity = Severity.error
    public static let rationale =
        "a credential in a workflow file is readable by everyone who can read the repository and its history, forks included."

    public init() {}

    public func check(_ workflow: Workflow, context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        workflow.document.forEachEntryValue { key, scalar in
            if let match = SecretPatterns.firstMatch(in: scalar.text) {
                findings.append(
                    finding(
                        at: scalar.location(ofOffset: match.offset),
                        "\(match.name) is written in the workflow file (\"\(match.preview)\"); revoke it, store it as a secret and use \"${{ secrets.NAME }}\""
                    ))
            } else if let key, Self.isSecretName(key), Self.looksRandom(scalar.text) {
                findings.append(
                    finding(
                        at: scalar.location,
                        "\"\(key)\" is set to a literal that looks like a credential (\"\(SecretPatterns.preview(scalar.text))\"); store it as a secret and use \"${{ secrets.NAME }}\""
                    ))
            }
        }
        return findings
    }

    /// `API_TOKEN`, `npm-token`, `password`, `AWS_SECRET_ACCESS_KEY`: the last words name a credential.
    static func isSecretName(_ key: String) -> Bool {
        let words = key.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        guard let last = words.last else { return false }
        if ["token", "secret", "password", "passwd", "apikey", "pat"].contains(last) { return true }
        return last == "key" && words.count >= 2
            && ["api", "access", "secret", "private", "auth"].contains(words[words.count - 2])
    }

    /// At least 16 characters with no spaces, letters and digits mixed, and no structure of a path or URL.
    static func looksRandom(_ text: String) -> Bool {
        guard text.count >= 16, text.count <= 200, !text.contains(bytes: "${{"), !text.contains(bytes: "$"),
            !text.contains(where: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "." })
        else { return false }
        let letters = text.filter(\.isLetter).count
        let digits = text.filter(\.isNumber).count
        return letters >= 4 && digits >= 4 && entropy(text) >= 3.5
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ text: String) -> Double {
        var counts: [Character: Int] = [:]
        for character in text { counts[character, default: 0] += 1 }
        let total = Double(text.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}

extension YAMLValue {
    /// Every scalar value in the tree with the mapping key it sits under (nil inside sequences at the top).
    func forEachEntryValue(underKey key: String? = nil, _ body: (_ key: String?, YAMLScalar) -> Void) {
        switch self {
        case .null: return
        case .scalar(let scalar): body(key, scalar)
        case .sequence(let items, _):
            for item in items { item.forEachEntryValue(underKey: nil, body) }
        case .mapping(let entries, _):
            for entry in entries { entry.value.forEachEntryValue(underKey: entry.key.text, body) }
        }
    }
}
