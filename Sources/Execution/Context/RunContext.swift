import Expressions
import Foundation
import Persistence
import Workflows

/// What every job of one run shares: options, identity, directories, the masker, the console and the store.
public final class RunContext: Sendable {
    public let options: RunOptions
    public let git: GitState
    public let runID: Int64
    public let runNumber: Int
    /// `.gantry/runs/<number>`: logs, step summaries, artifacts, workspaces.
    public let runDirectory: String
    /// `.gantry/cache`: the content-addressed store behind `actions/cache`.
    public let cacheDirectory: String
    public let workflows: WorkflowSet
    public let masker: Masker
    public let console: Console
    public let store: any Store
    public let event: Value
    public let limiter: AsyncLimiter
    public let report: ReportCollector
    /// Step scripts and runner command files.
    let scratch: ScratchFiles
    let workspaces: Workspaces
    private let summaryLock = NSLock()
    let hostEnvironment: [String: String]
    let hasBash: Bool

    public init(
        options: RunOptions, git: GitState, runID: Int64, runNumber: Int, workflows: WorkflowSet, masker: Masker,
        console: Console, store: any Store, event: Value
    ) {
        self.options = options
        self.git = git
        self.runID = runID
        self.runNumber = runNumber
        self.runDirectory = options.repositoryRoot + "/.gantry/runs/\(runNumber)"
        self.cacheDirectory = options.repositoryRoot + "/.gantry/cache"
        self.workflows = workflows
        self.masker = masker
        self.console = console
        self.store = store
        self.event = event
        self.limiter = AsyncLimiter(limit: max(1, options.parallel))
        self.report = ReportCollector()
        self.workspaces = Workspaces(repositoryRoot: options.repositoryRoot)
        self.scratch = ScratchFiles.make(runID: runID, fallback: options.repositoryRoot + "/.gantry/runs/\(runNumber)")
        self.hostEnvironment = ProcessInfo.processInfo.environment
        self.hasBash = LocalProcessBackend.resolve("bash", path: ProcessInfo.processInfo.environment["PATH"]) != "bash"
    }

    /// The `github` context shared by every job; job-specific fields are added by the job.
    func githubContext(workflow: Workflow, workspace: String) -> [String: Value] {
        var github: [String: Value] = [
            "event_name": .string(options.event),
            "event": event,
            "event_path": .string(runDirectory + "/event.json"),
            "sha": .string(git.sha),
            "ref": .string(git.ref),
            "ref_name": .string(git.refName),
            "ref_type": .string(git.refType),
            "ref_protected": .bool(false),
            "repository": .string(git.repository),
            "repository_owner": .string(git.owner),
            "repositoryUrl": .string("https://github.com/\(git.repository).git"),
            "actor": .string(options.actor),
            "triggering_actor": .string(options.actor),
            "workspace": .string(workspace),
            "run_id": .string(String(runID)),
            "run_number": .string(String(runNumber)),
            "run_attempt": "1",
            "retention_days": "0",
            "server_url": "https://github.com",
            "api_url": "https://api.github.com",
            "graphql_url": "https://api.github.com/graphql",
            "workflow": .string(workflow.displayName),
            "workflow_ref": .string("\(git.repository)/\(workflow.path)@\(git.ref)"),
            "head_ref": "",
            "base_ref": "",
            "token": .string(options.secrets["GITHUB_TOKEN"] ?? ""),
            "action": "",
            "action_path": "",
            "action_repository": "",
            "action_ref": "",
        ]
        if options.event.hasPrefix("pull_request") {
            github["head_ref"] = event[property: "pull_request"][property: "head"][property: "ref"]
            github["base_ref"] = event[property: "pull_request"][property: "base"][property: "ref"]
        }
        return github
    }

    /// The `runner` context.
    func runnerContext(temp: String) -> Value {
        #if arch(arm64)
            let arch = "ARM64"
        #else
            let arch = "X64"
        #endif
        return .object([
            "name": "gantry", "os": "Linux", "arch": .string(arch), "temp": .string(temp),
            "tool_cache": .string(options.repositoryRoot + "/.gantry/toolcache"), "debug": "", "environment": "self-hosted",
        ])
    }

    var secretsContext: Value {
        var secrets = options.secrets.mapValues { Value.string($0) }
        if secrets["GITHUB_TOKEN"] == nil { secrets["GITHUB_TOKEN"] = "" }
        return .object(secrets)
    }

    /// Appends a step's summary (already masked) to the run's `summary.md`.
    func appendSummary(_ text: String) {
        summaryLock.withLock {
            let path = runDirectory + "/summary.md"
            if let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
                try? handle.close()
            } else {
                FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            }
        }
    }

    var varsContext: Value { .object(options.vars.mapValues { .string($0) }) }
}
