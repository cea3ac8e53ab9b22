import ArgumentParser
import Foundation
import Gates
import Persistence

extension TestsCommand {
    /// `gantry tests quarantine add|remove|list`: tests whose failures do not fail a gate.
    struct Quarantine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quarantine tests: they still run and are reported, but their failures do not fail a gate.",
            subcommands: [Add.self, Remove.self, List.self]
        )

        /// `gantry tests quarantine add TEST --reason R`.
        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Quarantine a test.")

            @Argument(help: "The test's identifier, classname::name, as `gantry tests flaky` shows it.")
            var test: String
            @Option(help: "Why; shown by `gantry tests quarantine list`.")
            var reason: String
            @Option(help: "Who quarantines it (default: $USER).")
            var by: String?

            func run() async throws {
                let store = try TestsCommand.openStore()
                if try await store.testHistories(.identifiers([test])).isEmpty {
                    TestsCommand.printError(
                        "warning: no test \"\(test)\" has been ingested yet; quarantining it anyway")
                }
                let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
                let entry = QuarantineRecord(identifier: test, reason: reason, addedBy: who, addedAt: Date())
                let added = try await store.quarantine(entry)
                print(
                    added ? "quarantined \"\(test)\"" : "\"\(test)\" was already quarantined; its reason is now updated"
                )
            }
        }

        /// `gantry tests quarantine remove TEST`.
        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Lift a test's quarantine.")

            @Argument(help: "The test's identifier.")
            var test: String

            func run() async throws {
                let store = try TestsCommand.openStore()
                guard try await store.unquarantine(identifier: test) else {
                    TestsCommand.printError(
                        "\"\(test)\" is not quarantined; `gantry tests quarantine list` shows which are")
                    throw ExitCode(1)
                }
                print("lifted the quarantine of \"\(test)\"")
            }
        }

        /// `gantry tests quarantine list [--format json]`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the quarantined tests.")

            @Option(help: "text or json.")
            var format = Format.text

            func run() async throws {
                let entries = try await TestsCommand.openStore().quarantineEntries()
                if format == .json {
                    print(try TestsCommand.json(entries))
                    return
                }
                guard !entries.isEmpty else {
                    print("no test is quarantined")
                    return
                }
                let width = max(4, entries.map(\.identifier.count).max() ?? 0)
                let formatter = ISO8601DateFormatter()
                print(SummaryPrinter.pad("TEST", width) + "  ADDED                 BY         REASON")
                for entry in entries {
                    let by = entry.automatic ? "auto" : entry.addedBy
                    let columns = [
                        SummaryPrinter.pad(entry.identifier, width),
                        SummaryPrinter.pad(formatter.string(from: entry.addedAt), 20),
                        SummaryPrinter.pad(by, 9), entry.reason,
                    ]
                    print(columns.joined(separator: "  "))
                }
            }
        }
    }
}
