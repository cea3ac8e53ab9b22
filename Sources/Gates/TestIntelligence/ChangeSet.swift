import Foundation

/// The files a change touches, as test selection needs them: committed since a base, staged, unstaged and untracked,
/// deleted and renamed files included (a deleted source file can break the tests that used it).
public struct ChangeSet: Sendable, Hashable, Codable {
    /// The files, relative to the repository root, sorted and without repeats.
    public var files: [String]
    /// The git commands they came from, for messages.
    public var sources: [String]

    /// Reads the change since `base` in the repository at `directory`:
    /// `git diff --name-only --no-renames BASE...HEAD`, `git diff --name-only --no-renames HEAD` (staged and
    /// unstaged) and `git ls-files --others --exclude-standard` (untracked).
    ///
    /// - Throws: ``ChangeSetError`` when git cannot run or fails (an unknown base, not a repository): never an empty
    ///   change in place of an unknown one.
    public static func since(base: String, in directory: String) throws(ChangeSetError) -> ChangeSet {
        let commands = [
            ["diff", "--name-only", "--no-renames", "-z", "\(base)...HEAD"],
            ["diff", "--name-only", "--no-renames", "-z", "HEAD"],
            ["ls-files", "--others", "--exclude-standard", "-z"],
        ]
        var files = Set<String>()
        for arguments in commands {
            let output = try git(arguments, in: directory)
            files.formUnion(output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        }
        return ChangeSet(
            files: files.filter { !$0.isEmpty }.sorted(),
            sources: commands.map { "git " + $0.filter { $0 != "-z" }.joined(separator: " ") })
    }

    /// The commit `HEAD` is at in the repository at `directory` (`git rev-parse HEAD`).
    public static func head(in directory: String) throws(ChangeSetError) -> String {
        let sha = String(decoding: try git(["rev-parse", "HEAD"], in: directory), as: UTF8.self)
        return sha.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The output of `git ARGUMENTS` run in `directory`.
    static func git(_ arguments: [String], in directory: String) throws(ChangeSetError) -> Data {
        let command = "git " + arguments.filter { $0 != "-z" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ChangeSetError(command: command, status: nil, message: "\(error.localizedDescription)")
        }
        // git writes little on stderr; reading stdout to its end first cannot stall it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).split(whereSeparator: \.isNewline).first
            throw ChangeSetError(
                command: command, status: process.terminationStatus, message: message.map(String.init) ?? "no message")
        }
        return data
    }
}

/// A git command that could not tell what changed.
public struct ChangeSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command, as a user would type it.
    public var command: String
    /// Its exit status, or `nil` if it could not start.
    public var status: Int32?
    /// The first line of what it said.
    public var message: String

    /// `git diff … failed (exit 128): fatal: …`
    public var description: String {
        "\(command) failed" + (status.map { " (exit \($0))" } ?? "") + ": \(message)"
    }
}
