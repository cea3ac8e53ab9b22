import ArgumentParser

/// `gantry`: run workflows on the host, and read their history.
@main
struct Gantry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gantry",
        abstract: "A CI/CD engine: runs GitHub Actions workflows on this machine and keeps their history.",
        subcommands: [
            RunCommand.self, RunsCommand.self, LogsCommand.self, LintCommand.self, GateCommand.self, TestsCommand.self,
            ServeCommand.self, DeployCommand.self, ProxyCommand.self, LoadCommand.self,
        ]
    )
}
