import Foundation

/// A throwaway git repository with workflow files, and the real `gantry` binary to run in it.
struct Sandbox {
    let root: URL

    static let binary: URL = {
        var directory = URL(fileURLWithPath: #filePath)
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent(".build/debug/gantry")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("the gantry binary was not built; run swift build first")
    }()

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-test-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try shell("git init -q -b main && git add -A && git -c user.name=t -c user.email=t@t commit -qm init && git remote add origin https://github.com/acme/widgets")
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    @discardableResult
    func shell(_ command: String) throws -> String {
        let result = try Self.execute(["/bin/sh", "-c", command], in: root)
        guard result.status == 0 else { throw SandboxError(message: "\(command) failed: \(result.stderr)") }
        return result.stdout
    }

    /// Runs `gantry ARGS` in the sandbox and waits for it.
    func gantry(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Self.execute([Self.binary.path] + arguments, in: root)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func execute(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = directory
        // Hermetic: when the tests themselves run inside a workflow (`gantry run` of this repository), the
        // workflow's GITHUB_* variables must not leak into the sandbox's commands.
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GITHUB_") }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = Reader(output.fileHandleForReading)
        let errorData = Reader(error.fileHandleForReading)
        process.waitUntilExit()
        return (process.terminationStatus, outputData.text(), errorData.text())
    }
}

/// Drains a pipe on its own thread so a chatty child never blocks on a full pipe.
final class Reader: @unchecked Sendable {
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

struct SandboxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
