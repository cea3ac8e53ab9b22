import ArgumentParser
import Foundation
import Gates
import Persistence

extension TestsCommand {
    /// `gantry tests retry --max N --junit GLOB -- CMD...`: re-runs failed tests, records which passed only on a retry.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a test command, re-run it while tests fail, and record every attempt.",
            discussion: """
                CMD runs with this terminal's input and output, GANTRY_TEST_ATTEMPT set to 1, 2, … and SIGINT and \
                SIGTERM forwarded. After each attempt the JUnit files matching --junit that it wrote are read; while \
                a test fails, CMD runs again, up to --max more times. Put {tests} (identifiers), {names} or {classes} \
                in CMD to re-run only the failed tests, for example `-k "{names: or }"`; without one, the whole \
                command runs again. The attempts are merged into --output (Surefire's flakyFailure/rerunFailure) and \
                stored. Exit status: 0 when every test finally passed (or only quarantined ones failed), else 1.
                """
        )

        @Option(name: .customLong("max"), help: "How many times to re-run after the first attempt.")
        var maxRetries = 2
        @Option(help: "Glob of the JUnit files CMD writes, relative to the current directory (repeatable).")
        var junit: [String] = []
        @Option(help: "Where to write the merged report.")
        var output = "gantry-retry.xml"
        @Option(help: "The commit the tests run on (default: git rev-parse HEAD).")
        var commit: String?
        @Option(help: "The policy file, for tests.auto-quarantine.")
        var policy = TestsCommand.defaultPolicy
        @Flag(name: .customLong("no-store"), help: "Do not store the attempts in the test history.")
        var noStore = false
        @Argument(parsing: .postTerminator, help: "The test command, after --.")
        var command: [String] = []

        func validate() throws {
            guard !command.isEmpty else { throw ValidationError("give the test command after --, as in: -- pytest") }
            guard !junit.isEmpty else {
                throw ValidationError(
                    "say where CMD writes its JUnit reports with --junit, as in --junit 'build/test-results/**/*.xml'")
            }
            guard maxRetries >= 0 else { throw ValidationError("--max must be 0 or more, found \(maxRetries)") }
        }

        func run() async throws {
            let policy = try TestsCommand.policy(at: policy)
            let root = TestsCommand.repositoryRoot
            let outputPath = output.hasPrefix("/") ? output : root + "/" + output
            let finder = ReportFileFinder(root: root, patterns: junit)
            let commandLine = RetryCommandLine(command)
            var session = RetrySession(maxRetries: maxRetries)
            var rerun: [TestCaseResult]? = nil
            let process = RetryAttemptProcess()
            defer { process.stop() }
            while true {
                let attempt = session.attempts + 1
                let arguments = commandLine.arguments(rerunning: rerun)
                let before = finder.snapshot()
                let exit: RetryAttemptProcess.Termination
                do {
                    exit = try await process.run(arguments, environment: ["GANTRY_TEST_ATTEMPT": String(attempt)])
                } catch {
                    TestsCommand.printError("gantry: \(error)")
                    throw ExitCode(1)
                }
                if let signal = exit.interruption ?? process.interruption {
                    TestsCommand.printError(
                        "gantry: interrupted by signal \(signal) during attempt \(attempt); stopping")
                    throw ExitCode(128 + signal)
                }
                var results: [TestCaseResult] = []
                for file in finder.files(writtenSince: before) where file != outputPath {
                    do {
                        results += try JUnitReader.read(contentsOf: file).cases
                    } catch {
                        TestsCommand.printError("gantry: \(error)")
                    }
                }
                guard case .rerun(let failing) = session.record(results, exitStatus: exit.status) else { break }
                let names = failing.prefix(5).map { "\"\($0.identifier)\"" }.joined(separator: ", ")
                let more = failing.count > 5 ? " and \(failing.count - 5) more" : ""
                let failed = "\(failing.count) failed (\(names)\(more))"
                TestsCommand.printError("gantry: attempt \(attempt) of \(maxRetries + 1): \(failed); re-running")
                rerun = failing
            }
            for note in session.notes { TestsCommand.printError("gantry: warning: \(note)") }
            try await finish(session, outputPath: outputPath, policy: policy)
        }

        private func finish(_ session: RetrySession, outputPath: String, policy: TestIntelligencePolicy) async throws {
            var quarantined = Set<String>()
            if session.sawResults {
                try RetryReportWriter.xml(session.mergedResults).write(
                    toFile: outputPath, atomically: true, encoding: .utf8)
                if !noStore {
                    // The tests' results stand even if the history cannot be written; the step says so and goes on.
                    do {
                        quarantined = try await store(outputPath, policy: policy)
                    } catch {
                        TestsCommand.printError("gantry: warning: the attempts were not stored: \(error)")
                    }
                }
            }
            for identifier in session.passedOnRetry {
                TestsCommand.printError("gantry: flaky: \"\(identifier)\" failed, then passed on a retry")
            }
            let verdict = session.verdict(quarantined: quarantined)
            let written =
                session.sawResults ? "; attempts merged into \(output)" : " matching \(junit.joined(separator: ", "))"
            TestsCommand.printError("gantry: \(verdict.passed ? "passed" : "failed"): \(verdict.reason)\(written)")
            if !verdict.passed { throw ExitCode(1) }
        }

        /// Stores the merged report, applies the automatic quarantine, and returns the quarantined tests.
        private func store(_ report: String, policy: TestIntelligencePolicy) async throws -> Set<String> {
            let store = try TestsCommand.openStore()
            let ingestor = TestIngestor(store: store, commit: TestsCommand.commit(commit))
            for case .unreadable(let error) in try await ingestor.ingest(paths: [report]) { throw error }
            try await TestsCommand.applyAutoQuarantine(policy, store: store)
            return try await store.quarantinedIdentifiers()
        }
    }
}
