import ArgumentParser
import Foundation
import LoadGenerator

/// `gantry load URL --rps N --duration D`: a bounded, fixed-rate HTTP load for tests and demos.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Send a fixed-rate HTTP load to a loopback URL and summarize the answers.")

    @Argument(help: "The URL, e.g. http://127.0.0.1:18080/.")
    var url: String
    @Option(help: "Requests per second (1-10000).")
    var rps: Int = 100
    @Option(help: "How long, e.g. 30s, 2m (at most 10m).")
    var duration: String = "10s"
    @Option(help: "Requests allowed in flight at once.")
    var concurrency: Int = 256
    @Flag(help: "Print each second's figures.")
    var live = false
    @Flag(help: "Allow a non-loopback host.")
    var allowRemote = false
    @Option(help: "text or json.")
    var format: String = "text"

    func validate() throws {
        guard (1...10_000).contains(rps) else { throw ValidationError("--rps must be between 1 and 10000") }
        guard let seconds = Self.seconds(duration), seconds > 0, seconds <= 600 else {
            throw ValidationError("--duration must be like 30s or 2m, at most 10m; found \"\(duration)\"")
        }
        guard let host = URL(string: url)?.host, ["http", "https"].contains(URL(string: url)?.scheme ?? "") else {
            throw ValidationError("\"\(url)\" is not an http:// URL")
        }
        if !allowRemote && !["127.0.0.1", "localhost", "::1"].contains(host) {
            throw ValidationError("\(host) is not a loopback address; pass --allow-remote to load another host")
        }
    }

    func run() async throws {
        let seconds = Self.seconds(duration) ?? 10
        let plan = LoadPlan(url: url, requestsPerSecond: rps, duration: .milliseconds(Int64(seconds * 1000)), concurrency: concurrency)
        var onSecond: (@Sendable (LoadSummary) -> Void)?
        if live {
            onSecond = { second in print("second \((second.second ?? 0) + 1): \(second.line)") }
        }
        let summary = try await LoadGenerator.run(plan, onSecond: onSecond)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.line)
            let elapsed = Double(summary.elapsed.components.seconds) + Double(summary.elapsed.components.attoseconds) / 1e18
            print(String(format: "achieved %.0f requests/s over %.1f s; failed %d", Double(summary.responses) / max(elapsed, 0.001), elapsed, summary.failed))
        }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// `30s`, `2m`, `1.5s`, `500ms` in seconds.
    static func seconds(_ text: String) -> Double? {
        for (suffix, factor) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }
}
