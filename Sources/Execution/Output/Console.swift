import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal: job-prefixed lines from many jobs at once, each written whole, every one masked.
///
/// On a terminal (`interactive`) a status line at the bottom shows which jobs are running and how many have
/// finished; it is redrawn below each new line and cleared at the end.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let masker: Masker
    private let quiet: Bool
    private let interactive: Bool
    private var running: [String] = []
    private var finished = 0
    private var failed = 0
    private let started = Date()
    private var statusShown = false
    private var statusEnabled = true

    public init(masker: Masker, quiet: Bool, colors: Bool) {
        self.masker = masker
        self.quiet = quiet
        self.interactive = colors
    }

    /// A line of a job's output or progress, prefixed with `[job]`.
    public func job(_ key: String, _ text: String) {
        guard !quiet else { return }
        let prefix = interactive ? "\u{1B}[36m[\(key)]\u{1B}[0m" : "[\(key)]"
        emit(prefix + " " + masker.mask(text) + "\n")
    }

    /// A line that is always shown (warnings, summaries), masked like everything else.
    public func line(_ text: String) {
        emit(masker.mask(text) + "\n")
    }

    /// A line to standard error.
    public func error(_ text: String) {
        let data = Array((masker.mask(text) + "\n").utf8)
        lock.withLock { _ = data.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) } }
    }

    /// A job started; shown in the status line.
    public func jobStarted(_ key: String) {
        lock.withLock { running.append(key) }
        emit("")
    }

    /// A job ended; counted in the status line.
    public func jobFinished(_ key: String, failed hasFailed: Bool) {
        lock.withLock {
            if let index = running.firstIndex(of: key) { running.remove(at: index) }
            finished += 1
            if hasFailed { failed += 1 }
        }
        emit("")
    }

    /// Removes the status line for good, before the summary.
    public func clearStatus() {
        lock.withLock {
            statusEnabled = false
            guard statusShown else { return }
            write("\r\u{1B}[K")
            statusShown = false
        }
    }

    public func colored(_ text: String, _ code: String) -> String {
        interactive ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func emit(_ text: String) {
        lock.withLock {
            guard interactive && !quiet && statusEnabled else {
                if !text.isEmpty { write(text) }
                return
            }
            write("\r\u{1B}[K" + text + statusLine())
            statusShown = true
        }
    }

    /// `⏵ 3 running: build, test (12), lint · 5 done, 1 failed · 12s`, cut to the terminal's width.
    private func statusLine() -> String {
        let elapsed = Int(Date().timeIntervalSince(started))
        var text = "⏵ \(running.count) running"
        if !running.isEmpty { text += ": " + running.prefix(4).joined(separator: ", ") + (running.count > 4 ? ", …" : "") }
        text += " · \(finished) done"
        if failed > 0 { text += ", \(failed) failed" }
        text += " · \(elapsed)s"
        var size = winsize()
        let width = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 10 ? Int(size.ws_col) - 1 : 100
        if text.count > width { text = String(text.prefix(width - 1)) + "…" }
        return "\u{1B}[2m" + text + "\u{1B}[0m"
    }

    private func write(_ text: String) {
        let data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { if errno == EINTR { continue } else { break } }
            offset += written
        }
    }
}
