import Foundation

/// Replaces every registered secret and `::add-mask::` value with `***` in text bound for any output.
///
/// Shared by all jobs of a run; values are matched longest first so a secret that contains another is masked whole.
public final class Masker: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []

    public init(_ initial: [String] = []) {
        for value in initial { add(value) }
    }

    /// Registers a value. Multi-line values are also registered line by line, since output arrives in lines.
    public func add(_ value: String) {
        let candidates = [value] + value.split(whereSeparator: \.isNewline).map(String.init)
        lock.withLock {
            for candidate in candidates {
                let trimmed = candidate.trimmingCharacters(in: .whitespaces)
                // Masking one or two characters would shred every line of output without protecting anything.
                guard trimmed.count >= 3, !values.contains(trimmed) else { continue }
                values.append(trimmed)
            }
            values.sort { $0.count > $1.count }
        }
    }

    public var isEmpty: Bool { lock.withLock { values.isEmpty } }

    /// `text` with every registered value replaced by `***`.
    public func mask(_ text: String) -> String {
        let snapshot = lock.withLock { values }
        guard !snapshot.isEmpty else { return text }
        var result = text
        for value in snapshot where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: "***")
        }
        return result
    }
}
