import ArgumentParser
import Foundation
import Gates
import Persistence

extension TestsCommand {
    /// `gantry tests ingest FILE... [--commit SHA]`: stores JUnit reports in the test history.
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store JUnit reports in the test history, one run per report.",
            discussion: """
                A directory stands for every .xml file under it. Reports are stored in the order given; ingesting \
                the same report again for the same commit changes nothing.
                """
        )

        @Argument(help: "JUnit XML files, or directories of them.")
        var reports: [String]
        @Option(help: "The commit the tests ran on (default: git rev-parse HEAD).")
        var commit: String?
        @Flag(
            name: .customLong("commit-from-directory"),
            help: "Take each report's commit from the name of its directory, for a history archived as DIR/<sha>/*.xml."
        )
        var commitFromDirectory = false
        @Option(help: "The policy file, for tests.auto-quarantine.")
        var policy = TestsCommand.defaultPolicy
        @Flag(name: .shortAndLong, help: "Print only the summary, not a line per report.")
        var quiet = false

        func validate() throws {
            if commitFromDirectory && commit != nil {
                throw ValidationError("give --commit or --commit-from-directory, not both")
            }
        }

        func run() async throws {
            let policy = try TestsCommand.policy(at: policy)
            let paths = try Self.expand(reports)
            let store = try TestsCommand.openStore()
            let ingestor = TestIngestor(store: store, commit: commitFromDirectory ? "" : TestsCommand.commit(commit))
            let commits =
                commitFromDirectory
                ? paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().lastPathComponent } : nil
            let quiet = quiet
            let start = Date()
            let outcomes = try await ingestor.ingest(paths: paths, commits: commits) { path, outcome in
                switch outcome {
                case .ingested(let result) where !quiet:
                    let ingestion = result.ingestion
                    let what = "\(ingestion.testCount) tests, \(ingestion.caseCount) test cases"
                    print(
                        result.inserted
                            ? "ingested \(path): \(what)" : "already ingested \(path) (#\(ingestion.id)): skipped")
                case .unreadable(let error):
                    TestsCommand.printError("\(error): not ingested")
                default:
                    break
                }
            }
            let seconds = max(Date().timeIntervalSince(start), 1e-6)
            let results = outcomes.compactMap { if case .ingested(let result) = $0 { result } else { nil } }
            let stored = results.filter(\.inserted).map(\.ingestion)
            let cases = stored.map(\.caseCount).reduce(0, +)
            let unreadable = outcomes.count - results.count
            var summary = "ingested \(stored.count) of \(paths.count) reports (\(cases) test cases) in "
            summary += String(
                format: "%.2fs: %.0f reports/s, %.0f test cases/s", seconds, Double(stored.count) / seconds,
                Double(cases) / seconds)
            if results.count > stored.count { summary += "; \(results.count - stored.count) already stored" }
            if unreadable > 0 { summary += "; \(unreadable) unreadable" }
            print(summary)
            try await TestsCommand.applyAutoQuarantine(policy, store: store)
            if unreadable > 0 { throw ExitCode.invalidInput }
        }

        /// The files of `arguments`: each file as given, each directory's `.xml` files sorted by path.
        static func expand(_ arguments: [String]) throws -> [String] {
            var paths: [String] = []
            for argument in arguments {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                    throw ValidationError("\"\(argument)\" does not exist")
                }
                guard isDirectory.boolValue else {
                    paths.append(argument)
                    continue
                }
                let found = ReportFileFinder(root: argument, patterns: ["**/*.xml"]).snapshot().keys
                paths += found.sorted()
            }
            return paths
        }
    }
}
