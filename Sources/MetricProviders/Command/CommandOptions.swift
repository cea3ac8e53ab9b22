import Foundation

/// Options of a command query: the argv to run, where, and with which extra environment.
public struct CommandOptions: Sendable, Hashable {
    /// The program and its arguments; the program is looked up on `PATH` unless it contains a `/`. No shell is
    /// involved unless you run one (`["sh", "-c", "…"]`).
    public var arguments: [String]
    /// The directory the command runs in; nil means Gantry's own.
    public var workingDirectory: String?
    /// Variables added to (or replacing those of) Gantry's own environment.
    public var environment: [String: String]

    /// Options running `arguments`.
    public init(arguments: [String], workingDirectory: String? = nil, environment: [String: String] = [:]) {
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// The arguments as a POSIX shell would need them typed: `sh -c 'echo 0.42'`.
    public var commandLine: String {
        arguments.map(Self.quote).joined(separator: " ")
    }

    private static func quote(_ argument: String) -> String {
        let safe = argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0)) }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
