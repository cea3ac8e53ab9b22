import ArgumentParser
import Foundation
import Persistence
import PersistenceSQLite

/// `gantry runs`: the most recent runs of this repository.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List recent runs.")

    @Option(name: [.short, .customLong("limit")], help: "How many runs to show.")
    var limit = 20
    @Option(name: .customLong("format"), help: "text or json.")
    var format = "text"

    func run() async throws {
        let store = try SQLiteStore.open(repositoryRoot: FileManager.default.currentDirectoryPath)
        _ = try? await store.reconcileInterruptedRuns(now: Date())
        let runs = try await store.runs(limit: limit)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(runs), as: UTF8.self))
            return
        }
        guard !runs.isEmpty else {
            print("no runs yet; start one with: gantry run")
            return
        }
        let formatter = ISO8601DateFormatter()
        print("RUN    CONCLUSION  EVENT              STARTED               DURATION  WORKFLOWS")
        for run in runs {
            let duration = run.finishedAt.map { formatMilliseconds(Int($0.timeIntervalSince(run.startedAt) * 1000)) } ?? "running"
            let columns = [
                SummaryPrinter.pad("#\(run.number)", 6), SummaryPrinter.pad(run.conclusion?.rawValue ?? "running", 10),
                SummaryPrinter.pad(run.event, 17), SummaryPrinter.pad(formatter.string(from: run.startedAt), 20),
                SummaryPrinter.pad(duration, 8), run.workflows.joined(separator: ", "),
            ]
            print(columns.joined(separator: "  "))
        }
    }
}
