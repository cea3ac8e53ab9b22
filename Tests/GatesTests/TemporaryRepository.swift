import Foundation

/// A throwaway directory with files, optionally a git repository, removed by `remove()`.
struct TemporaryRepository {
    let root: String

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Copies a file from `Fixtures/` into the repository at `path`.
    func copyFixture(_ fixture: String, to path: String) throws {
        try write(path, try String(contentsOf: Fixtures.url(fixture), encoding: .utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `/bin/sh -c command` in the repository; throws with its output when it fails.
    @discardableResult
    func shell(_ command: String) throws -> String {
        let result = try Self.execute(["/bin/sh", "-c", command], in: root)
        guard result.status == 0 else {
            throw ShellError(message: "\(command) failed: \(result.stdout)\(result.stderr)")
        }
        return result.stdout
    }

    /// `git init` with one commit of everything, on `main`.
    func initGit() throws {
        try shell(
            "git init -q -b main && git add -A && git -c user.name=t -c user.email=t@t commit -qm init")
    }

    static func execute(_ arguments: [String], in directory: String, environment: [String: String]? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        )
    }
}

struct ShellError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The test target's `Fixtures/` folder.
enum Fixtures {
    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func path(_ path: String) -> String { url(path).path }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}
