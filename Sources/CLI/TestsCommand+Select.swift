import ArgumentParser
import Foundation
import Gates

extension TestsCommand {
    /// `gantry tests select --base REF`: the tests affected by the change since REF.
    struct Select: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the tests affected by the change since a git ref.",
            discussion: """
                The change is `git diff REF...HEAD` plus staged, unstaged and untracked files. Each changed file \
                selects the tests whose per-test coverage includes it (--coverage-dir or --coverage-map) and the tests \
                of every tests.select rule of the policy whose paths match it. Text output: one test per line; `all` \
                when a changed file maps to nothing (never an empty selection for a change); nothing when nothing \
                changed. The reason goes to standard error.
                """
        )

        @Option(help: "The git ref the change is measured from, such as origin/main.")
        var base: String
        @Option(help: "The policy file with the tests.select rules.")
        var policy = TestsCommand.defaultPolicy
        @Option(
            name: .customLong("coverage-dir"),
            help: "A directory of per-test lcov files (one per test, named by TN: or file name).")
        var coverageDirectory: String?
        @Option(name: .customLong("coverage-map"), help: "A JSON file {\"test\": [\"src/file\", ...]}.")
        var coverageMap: String?
        @Option(help: "text or json.")
        var format = Format.text

        func validate() throws {
            if coverageDirectory != nil && coverageMap != nil {
                throw ValidationError("give --coverage-dir or --coverage-map, not both")
            }
        }

        func run() async throws {
            let root = TestsCommand.repositoryRoot
            let policy = try TestsCommand.policy(at: policy)
            let coverage: CoverageMap?
            do {
                if let coverageDirectory {
                    coverage = try CoverageMap.load(directory: coverageDirectory, repositoryRoot: root)
                } else if let coverageMap {
                    coverage = try CoverageMap.load(jsonFile: coverageMap, repositoryRoot: root)
                } else {
                    coverage = nil
                }
            } catch {
                TestsCommand.printError("\(error)")
                throw ExitCode.invalidInput
            }
            let change: ChangeSet
            do {
                change = try ChangeSet.since(base: base, in: root)
            } catch {
                TestsCommand.printError("error: cannot tell what changed: \(error)")
                throw ExitCode.invalidInput
            }
            let selection = TestSelector.select(
                changedFiles: change.files, coverage: coverage, rules: policy.selectionRules)
            if format == .json {
                print(try TestsCommand.json(SelectReport(base: base, sources: change.sources, selection: selection)))
                return
            }
            switch selection.mode {
            case .all: print("all")
            case .some: print(selection.tests.joined(separator: "\n"))
            case .none: break
            }
            TestsCommand.printError(selection.reason)
        }
    }

    /// `gantry tests select --format json`.
    struct SelectReport: Encodable {
        var base: String
        var sources: [String]
        var selection: TestSelection
    }
}
