import ArgumentParser
import Diagnostics
import Foundation
import Hummingbird
import Server

/// `gantry serve`: the long-running controller with the proxies, replicas and the control API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the rollout controller, the proxies and the control API on 127.0.0.1.")

    @Option(help: "The control API port.")
    var port = 7575
    @Option(name: [.customShort("C"), .customLong("directory")], help: "The repository root (default: the current directory).")
    var directory: String?

    func run() async throws {
        let root = directory.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? FileManager.default.currentDirectoryPath
        do {
            let app = try await buildApplication(ServerConfiguration(repositoryRoot: root, port: port))
            print("gantry serve: control API on http://127.0.0.1:\(port)")
            try await app.runService()
        } catch let error as DiagnosticError {
            printDiagnostics(error.diagnostics)
            throw ExitCode.invalidInput
        }
    }
}
