import Foundation

/// Measures by running a command: the number it prints last, or else its exit status.
///
/// The value is decided in this order (`docs/providers/command.md`):
/// 1. The command could not start, timed out, was cancelled or died of a signal → error.
/// 2. The last non-empty line of standard output is a number on its own (spaces around it allowed):
///    exit status 0 → that number is the value (`NaN` or an infinity → no data);
///    any other exit status → error, since a failing command's output is not trusted.
/// 3. Otherwise the exit status is the value: `0` for success, the command's code for failure.
public struct CommandProvider: MetricProvider {
    /// The provider's YAML key.
    public static let id = "command"

    /// The most bytes of each stream shown in `MetricResult.raw` (the tail is kept).
    static let rawStreamLimit = 8 * 1024

    /// A provider; it has no configuration.
    public init() {}

    /// Runs the command and reads its value; never throws (see `MetricProvider`).
    public func measure(_ query: MetricQuery, at date: Date) async -> MetricResult {
        guard case .command(let options) = query.options else { return mismatch(query, at: date) }
        let rendered = options.commandLine
        let environment = ProcessInfo.processInfo.environment.merging(options.environment) { $1 }
        let process = ChildProcess(
            arguments: options.arguments,
            workingDirectory: options.workingDirectory,
            environment: environment,
            timeout: query.timeout
        )
        let outcome = await process.run()
        let raw = Self.raw(outcome)
        switch outcome.termination {
        case .failedToStart(let reason):
            return .error("cannot run the command: \(reason)", query: rendered, raw: raw, at: date)
        case .timedOut:
            return .error(
                "the command timed out after \(query.timeout.rendered); its process group was killed",
                query: rendered,
                raw: raw,
                at: date
            )
        case .cancelled:
            return .error("the measurement was cancelled; the command was killed", query: rendered, raw: raw, at: date)
        case .signaled(let signal):
            return .error("the command was killed by signal \(signal)", query: rendered, raw: raw, at: date)
        case .exited(let status):
            return Self.value(status: status, output: outcome.standardOutput, query: rendered, raw: raw, at: date)
        }
    }

    /// Rules 2 and 3: the printed number, or the exit status.
    private static func value(status: Int32, output: [UInt8], query: String, raw: String, at date: Date) -> MetricResult
    {
        let text = String(decoding: output, as: UTF8.self)
        let lastLine = text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }
        guard let lastLine, let number = parseNumber(String(lastLine)) else {
            return .value(Double(status), query: query, raw: raw, at: date)
        }
        guard status == 0 else {
            return .error(
                "the command printed \(lastLine.trimmingCharacters(in: .whitespaces)) but exited with status \(status)",
                query: query,
                raw: raw,
                at: date
            )
        }
        guard number.isFinite else {
            return .noData(
                "the command printed \(number.isNaN ? "NaN" : "\(number)")", query: query, raw: raw, at: date)
        }
        return .value(number, query: query, raw: raw, at: date)
    }

    /// Standard output, then standard error and the ending, each stream cut to its tail.
    private static func raw(_ outcome: ChildProcess.Outcome) -> String {
        func tail(_ bytes: [UInt8]) -> String {
            let cut = bytes.count > rawStreamLimit
            let text = String(decoding: bytes.suffix(rawStreamLimit), as: UTF8.self)
            return cut ? "… (earlier output cut)\n" + text : text
        }
        var raw = tail(outcome.standardOutput)
        if !outcome.standardError.isEmpty {
            raw += (raw.isEmpty || raw.hasSuffix("\n") ? "" : "\n") + "[stderr]\n" + tail(outcome.standardError)
        }
        let ending: String
        switch outcome.termination {
        case .exited(let status): ending = "exit status \(status)"
        case .signaled(let signal): ending = "killed by signal \(signal)"
        case .timedOut: ending = "timed out"
        case .cancelled: ending = "cancelled"
        case .failedToStart(let reason): ending = "not started: \(reason)"
        }
        return raw + (raw.isEmpty || raw.hasSuffix("\n") ? "" : "\n") + "[\(ending)]"
    }
}
