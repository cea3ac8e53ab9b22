import ArgumentParser
import Diagnostics
import Foundation
import Server

/// `gantry deploy`: progressive delivery through `gantry serve`.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a version progressively and steer the rollout.",
        subcommands: [
            DeployApplyCommand.self, DeployStatusCommand.self, DeployVerbCommand<Promote>.self,
            DeployVerbCommand<Pause>.self, DeployVerbCommand<Resume>.self, DeployVerbCommand<Abort>.self,
            DeployVerbCommand<Retry>.self, DeployVerbCommand<Undo>.self, DeployApproveCommand.self,
            DeployHistoryCommand.self,
        ])
}

/// Options every deploy verb shares.
struct ServerOptions: ParsableArguments {
    @Option(help: "The control API of gantry serve.")
    var server = "http://127.0.0.1:7575"
    @Option(help: "Who is asking (default: git user.name, then $USER).")
    var by: String?
    @Flag(help: "Print the server's JSON answer as it came, for scripts.")
    var json = false

    var client: ControlClient { ControlClient(baseURL: server) }

    var user: String {
        by ?? git(["config", "user.name"]) ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// What `git ARGUMENTS` prints in the current directory, trimmed; nil when it fails or prints nothing.
func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    return process.terminationStatus == 0 && !text.isEmpty ? text : nil
}

/// Prints an answer: as text made by `render` from its JSON, or as the JSON itself with `--json` (or when
/// `render` cannot read it); an error goes to stderr with exit status 1.
func finish(_ answer: ControlClient.Answer, _ options: ServerOptions, render: (Any) -> String? = { _ in nil }) throws {
    if (200..<300).contains(answer.status) {
        let body = String(decoding: answer.body, as: UTF8.self)
        let object = try? JSONSerialization.jsonObject(with: answer.body)
        print(options.json ? body : object.flatMap(render) ?? body)
        return
    }
    FileHandle.standardError.write(Data("error: \(answer.error ?? "HTTP \(answer.status)")\n".utf8))
    throw ExitCode(1)
}

struct DeployApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply", abstract: "Start deploying a version.")

    @Argument(help: "The rollout spec, e.g. .gantry/services/web.yml.")
    var spec: String
    @Option(help: "The version to deploy.")
    var version: String
    @Flag(help: "Override the policy (freeze windows, branches); needs --reason and is recorded.")
    var breakGlass = false
    @Option(help: "Why the policy is overridden.")
    var reason: String?
    @Option(help: "The commit the version was built from (default: $GITHUB_SHA, then git's HEAD).")
    var commit: String?
    @Option(
        help:
            "Its branch, for the policy's branch rules (default: $GITHUB_HEAD_REF or $GITHUB_REF_NAME, then git's current branch)."
    )
    var branch: String?
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let root = FileManager.default.currentDirectoryPath
        do {
            _ = try DeliveryRuntime.parse(path: spec, root: root)
        } catch let error as DiagnosticError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.invalidInput
        }
        if breakGlass && (reason ?? "").isEmpty { throw ValidationError("--break-glass needs --reason \"why\"") }
        var body = ["spec": spec, "version": version, "by": options.user]
        if breakGlass { body["breakGlassReason"] = reason }
        let environment = ProcessInfo.processInfo.environment
        body["commit"] = commit ?? environment["GITHUB_SHA"] ?? git(["rev-parse", "HEAD"])
        // On a pull request GITHUB_REF_NAME is `<n>/merge`; the branch is GITHUB_HEAD_REF.
        let workflowBranch = [environment["GITHUB_HEAD_REF"], environment["GITHUB_REF_NAME"]].compactMap { $0 }
            .first { !$0.isEmpty }
        body["branch"] = branch ?? workflowBranch ?? git(["symbolic-ref", "--short", "-q", "HEAD"])
        try finish(try await options.client.post("/api/deployments", body), options) { answer in
            guard let record = answer as? DeployText.Object else { return nil }
            var text = DeployText.summary(record)
            if (record["state"] as? String ?? "").hasPrefix("awaiting approval") {
                text += "\n    approve with: gantry deploy approve \(record["id"] as? Int ?? 0) --by <someone else>"
            } else {
                text += "\n    follow with: gantry deploy status \(record["service"] as? String ?? "")"
            }
            return text
        }
    }
}

struct DeployStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show rollouts, weights, replicas and the latest measurements.")
    @Argument(help: "A service (all when omitted).")
    var service: String?
    @OptionGroup var options: ServerOptions

    func run() async throws {
        try finish(try await options.client.get(service.map { "/api/services/\($0)" } ?? "/api/services"), options) {
            if let list = $0 as? [DeployText.Object] { return DeployText.statuses(list) }
            return ($0 as? DeployText.Object).map(DeployText.status)
        }
    }
}

struct DeployHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Past deployments with their transitions and measurements.")
    @Argument var service: String
    @OptionGroup var options: ServerOptions

    func run() async throws {
        try finish(try await options.client.get("/api/services/\(service)/history"), options) {
            ($0 as? [DeployText.Object]).map(DeployText.history)
        }
    }
}

struct DeployApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a deployment waiting for approvals.")
    @Argument(help: "The deployment id.")
    var id: Int64
    @OptionGroup var options: ServerOptions

    func run() async throws {
        try finish(try await options.client.post("/api/deployments/\(id)/approvals", ["by": options.user]), options) {
            guard let decision = $0 as? DeployText.Object else { return nil }
            return "approval by \(options.user) recorded: \(decision["status"] as? String ?? "?"): "
                + (decision["message"] as? String ?? "")
        }
    }
}

/// A rollout verb: promote, pause, resume, abort, retry, undo.
protocol DeployVerb {
    static var name: String { get }
    static var help: String { get }
}
enum Promote: DeployVerb {
    static let name = "promote"
    static let help = "Go to the next step (--full: straight to 100%)."
}
enum Pause: DeployVerb {
    static let name = "pause"
    static let help = "Pause the rollout where it is."
}
enum Resume: DeployVerb {
    static let name = "resume"
    static let help = "Resume a paused rollout."
}
enum Abort: DeployVerb {
    static let name = "abort"
    static let help = "Send all traffic back to stable now."
}
enum Retry: DeployVerb {
    static let name = "retry"
    static let help = "Run the same version again from the start."
}
enum Undo: DeployVerb {
    static let name = "undo"
    static let help = "Return to the previous version, skipping steps and analysis."
}

struct DeployVerbCommand<Verb: DeployVerb>: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: Verb.name, abstract: Verb.help) }
    @Argument var service: String
    @Flag(help: "With promote: skip the remaining steps.")
    var full = false
    @Option(help: "With abort: why.")
    var reason: String?
    @OptionGroup var options: ServerOptions

    func run() async throws {
        var body = ["by": options.user]
        if full { body["full"] = "true" }
        if let reason { body["reason"] = reason }
        try finish(try await options.client.post("/api/services/\(service)/\(Verb.name)", body), options) {
            ($0 as? DeployText.Object).map(DeployText.status)
        }
    }
}
