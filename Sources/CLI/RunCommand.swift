import ArgumentParser
import Diagnostics
import Execution
import Foundation
import Persistence
import PersistenceSQLite
import Workflows

/// `gantry run`: runs the workflows the event selects, with act-compatible flags.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the workflows of this repository that an event selects.")

    @Option(name: [.short, .customLong("event")], help: "The event to run (default: push).")
    var event: String = "push"
    @Option(name: .customLong("eventpath"), help: "A JSON file with the event payload.")
    var eventPath: String?
    @Option(name: [.customShort("W"), .customLong("workflows")], help: "A workflow file or directory.")
    var workflows: String?
    @Option(name: [.short, .customLong("job")], help: "Run only this job (and the jobs it needs).")
    var job: String?
    @Option(name: .customLong("input"), help: "An input, as key=value (repeatable).")
    var inputs: [String] = []
    @Option(name: [.short, .customLong("secret")], help: "A secret, as key=value (repeatable); masked in every output.")
    var secrets: [String] = []
    @Option(name: .customLong("secret-file"), help: "A file of KEY=value secrets.")
    var secretFile: String?
    @Option(name: .customLong("env"), help: "An environment variable for every job, as key=value (repeatable).")
    var env: [String] = []
    @Option(name: .customLong("env-file"), help: "A file of KEY=value environment variables.")
    var envFile: String?
    @Option(name: .customLong("var"), help: "A configuration variable (vars context), as key=value (repeatable).")
    var vars: [String] = []
    @Option(name: .customLong("matrix"), help: "Run only matrix legs with this value, as key:value (repeatable).")
    var matrix: [String] = []
    @Option(name: [.short, .customLong("parallel")], help: "How many jobs run at once.")
    var parallel: Int = max(8, ProcessInfo.processInfo.activeProcessorCount * 8)
    @Option(name: [.customShort("P"), .customLong("platform")], help: "LABEL=skip skips jobs that run on LABEL (repeatable).")
    var platforms: [String] = []
    @Option(name: [.short, .customLong("actor")], help: "The user named in github.actor.")
    var actor: String = "nektos/act"
    @Option(name: .customLong("report"), help: "Write a JSON report of the run to this file.")
    var report: String?
    @Flag(name: [.short, .customLong("list")], help: "List the jobs and exit.")
    var list = false
    @Flag(name: [.short, .customLong("graph")], help: "Show the jobs as a dependency graph and exit.")
    var graph = false
    @Flag(name: [.customShort("n"), .customLong("dry-run")], help: "Validate and plan, but run nothing.")
    var dryRun = false
    @Flag(name: [.short, .customLong("quiet")], help: "Print only the summary.")
    var quiet = false
    @Flag(name: .customLong("bind"), help: "Run jobs in the repository itself instead of a fresh workspace.")
    var bind = false
    @Option(name: [.customShort("C"), .customLong("directory")], help: "The repository root (default: the current directory).")
    var directory: String?

    func run() async throws {
        let root = (directory.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? FileManager.default.currentDirectoryPath)
        let options: RunOptions
        do {
            options = try makeOptions(root: root)
        } catch let error as DiagnosticError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.invalidInput
        }
        let plan: RunPlan
        do {
            plan = try RunPlan.make(options)
        } catch {
            printDiagnostics(error.diagnostics)
            throw ExitCode.invalidInput
        }
        for warning in plan.warnings { FileHandle.standardError.write(Data((warning.rendered + "\n").utf8)) }
        if list || graph || dryRun {
            print(PlanPrinter.render(plan, graph: graph, dryRun: dryRun))
            return
        }
        if plan.selected.isEmpty {
            print("no workflow runs on \"\(options.event)\" here (checked \(plan.workflows.workflows.count) workflow file(s))")
            return
        }
        let store = try SQLiteStore.open(repositoryRoot: root)
        _ = try? await store.reconcileInterruptedRuns(now: Date())
        let masker = Masker()
        let console = Console(masker: masker, quiet: quiet, colors: options.interactive)
        let result = try await CancellableRun.execute(plan, store: store, console: console, masker: masker)
        console.clearStatus()
        console.line(SummaryPrinter.render(result.report, console: console))
        if let report {
            let data = try result.report.encoded()
            try Data(masker.mask(String(decoding: data, as: UTF8.self)).utf8).write(to: URL(fileURLWithPath: report))
        }
        if result.conclusion != .success { throw ExitCode(1) }
    }

    func makeOptions(root: String) throws -> RunOptions {
        var options = RunOptions(repositoryRoot: root)
        options.event = event
        options.eventPath = eventPath
        options.workflowTarget = workflows
        options.job = job
        options.inputs = try KeyValue.parse(inputs, flag: "--input")
        options.secrets = try KeyValue.parse(secrets, flag: "--secret")
        if let secretFile { options.secrets.merge(try KeyValue.parseFile(secretFile)) { current, _ in current } }
        options.env = try KeyValue.parse(env, flag: "--env")
        if let envFile { options.env.merge(try KeyValue.parseFile(envFile)) { current, _ in current } }
        options.vars = try KeyValue.parse(vars, flag: "--var")
        for item in matrix {
            guard let colon = item.firstIndex(of: ":") else {
                throw DiagnosticError([Diagnostic(
                    .error, at: SourceLocation(file: "--matrix", line: 1, column: 1), "expected key:value, found \"\(item)\"",
                    rule: "flags")])
            }
            options.matrixFilter[String(item[..<colon]), default: []].append(String(item[item.index(after: colon)...]))
        }
        options.parallel = max(1, parallel)
        options.bind = bind
        options.quiet = quiet
        options.actor = actor
        for platform in platforms {
            let parts = platform.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[1] == "skip" { options.skippedLabels.insert(parts[0]) }
        }
        options.interactive = isatty(1) == 1
        return options
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic]) {
    let text = diagnostics.map(\.rendered).joined(separator: "\n")
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
