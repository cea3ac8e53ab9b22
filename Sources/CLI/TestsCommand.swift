import ArgumentParser
import Diagnostics
import Foundation
import Gates
import Persistence
import PersistenceSQLite

/// `gantry tests`: the test history of this repository: ingest JUnit reports, find flaky tests, quarantine them,
/// retry failures and select the tests a change needs.
struct TestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tests",
        abstract: "Test history: ingest JUnit reports, find flaky tests, quarantine, retry and select tests.",
        subcommands: [Ingest.self, Flaky.self, Quarantine.self, Retry.self, Select.self]
    )
}

extension TestsCommand {
    /// The repository the command works on: the current directory, as for `gantry runs`.
    static var repositoryRoot: String { FileManager.default.currentDirectoryPath }

    /// The policy file read when `--policy` is not given.
    static let defaultPolicy = ".gantry/gates.yml"

    /// The store of the repository, `.gantry/gantry.db`.
    static func openStore() throws -> SQLiteStore {
        try SQLiteStore.open(repositoryRoot: repositoryRoot)
    }

    /// The commit to record: `explicit` if given, else `git rev-parse HEAD`, else empty (unknown).
    static func commit(_ explicit: String?) -> String {
        if let explicit { return explicit }
        guard let head = try? ChangeSet.head(in: repositoryRoot) else {
            printError(
                "warning: not in a git repository with a commit; recording the tests without a commit (use --commit)")
            return ""
        }
        return head
    }

    /// The `tests:` keys of the policy at `path`; prints its diagnostics and exits 2 if it has errors.
    static func policy(at path: String) throws -> TestIntelligencePolicy {
        let (policy, diagnostics) = TestIntelligencePolicy.load(path: path)
        for diagnostic in diagnostics { printError(diagnostic.rendered) }
        if diagnostics.hasErrors { throw ExitCode.invalidInput }
        return policy
    }

    /// Applies `tests.auto-quarantine` of `policy` to `store`, printing what it quarantined.
    static func applyAutoQuarantine(_ policy: TestIntelligencePolicy, store: any TestHistoryStore) async throws {
        guard let flakyRuns = policy.autoQuarantineFlakyRuns else { return }
        let window = policy.autoQuarantineWindow ?? FlakyCriteria().window
        for entry in try await autoQuarantine(policyK: flakyRuns, store: store, window: window) {
            printError("quarantined \"\(entry.identifier)\": \(entry.reason)")
        }
    }

    /// The encoder of every `--format json` output of `gantry tests`.
    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Writes `line` to standard error, where messages go so that standard output stays machine-readable.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `text` or `json`, checked.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }
}
