import Foundation

/// The files a change touches: `git diff --name-only <base>...HEAD`, run in the repository.
public enum ChangedFiles {
    /// The files changed between the merge base of `base` and `HEAD`, relative to `directory` (deleted files are
    /// left out). A failing git (no repository, an unknown base) is a problem in the evidence, never an empty list.
    public static func list(base: String, in directory: String) -> Evidence<String> {
        let arguments = ["diff", "--name-only", "--relative", "--diff-filter=d", "-z", "\(base)...HEAD"]
        let command = "git diff --name-only \(base)...HEAD"
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
            return .missing("\(command) could not start: \(error.localizedDescription)")
        }
        // Drain stderr on another thread so neither pipe can fill up and stall git.
        let errorText = ErrorDrain(errors.fileHandleForReading)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lines = errorText.text().split(whereSeparator: \.isNewline).map(String.init)
            let reason = lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? lines.first ?? "no message"
            return .missing("\(command) failed (exit \(process.terminationStatus)): \(reason)")
        }
        let files = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
        return Evidence(items: files, sources: [command])
    }
}

/// Reads a pipe to its end on its own thread.
private final class ErrorDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
