import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal: job-prefixed lines from many jobs at once, each written whole, every one masked.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let masker: Masker
    private let quiet: Bool
    private let colors: Bool

    public init(masker: Masker, quiet: Bool, colors: Bool) {
        self.masker = masker
        self.quiet = quiet
        self.colors = colors
    }

    /// A line of a job's output or progress, prefixed with `[job]`.
    public func job(_ key: String, _ text: String) {
        guard !quiet else { return }
        let prefix = colors ? "\u{1B}[36m[\(key)]\u{1B}[0m" : "[\(key)]"
        write(prefix + " " + masker.mask(text) + "\n")
    }

    /// A line that is always shown (warnings, summaries), masked like everything else.
    public func line(_ text: String) {
        write(masker.mask(text) + "\n")
    }

    /// A line to standard error.
    public func error(_ text: String) {
        let data = Array((masker.mask(text) + "\n").utf8)
        lock.withLock { _ = data.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) } }
    }

    public func colored(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ text: String) {
        let data = Array(text.utf8)
        lock.withLock {
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
                if written <= 0 { if errno == EINTR { continue } else { break } }
                offset += written
            }
        }
    }
}
