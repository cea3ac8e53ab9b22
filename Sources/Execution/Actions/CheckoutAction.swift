import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `actions/checkout`: copies the local repository, uncommitted changes and `.git` included, into the workspace.
///
/// Git-ignored files (build output, `.gantry/`) are not copied, as a fresh clone would not have them.
enum CheckoutAction {
    @Sendable static func run(_ call: BuiltinInvocation) async throws -> StepResult {
        let state = call.state
        let root = state.run.options.repositoryRoot
        if let repository = call.inputs["repository"], !repository.isEmpty,
            repository.lowercased() != state.run.git.repository.lowercased()
        {
            return call.invocation.fail(
                "checkout of another repository (\"\(repository)\") needs the network; only this repository is available offline")
        }
        if state.run.options.bind && (call.inputs["path"] ?? "").isEmpty {
            call.log("--bind: the job already runs in \(root)")
            return StepResult(outcome: .success)
        }
        let destination = RunStep.resolve(call.inputs["path"], in: state.workspace)
        let files = try listFiles(root: root)
        let fileManager = FileManager.default
        var copied = 0
        var createdDirectories: Set<String> = [destination]
        try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for relative in files {
            let source = root + "/" + relative
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }  // tracked but deleted in the working tree
            let target = destination + "/" + relative
            let parent = (target as NSString).deletingLastPathComponent
            if !createdDirectories.contains(parent) {
                try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                createdDirectories.insert(parent)
            }
            try? fileManager.removeItem(atPath: target)
            try fileManager.copyItem(atPath: source, toPath: target)
            copied += 1
        }
        if fileManager.fileExists(atPath: root + "/.git") {
            try? fileManager.removeItem(atPath: destination + "/.git")
            try fileManager.copyItem(atPath: root + "/.git", toPath: destination + "/.git")
        }
        call.log("copied \(copied) files of \(root) into \(destination)")
        return StepResult(outcome: .success)
    }

    /// Tracked and untracked, not ignored files; every file when the directory is not a git repository.
    static func listFiles(root: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 0 {
            let files = Set(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            return files.filter { !isGantryData($0) }.sorted()
        }
        let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return all.filter { !isGantryData($0) && !$0.hasPrefix(".git/") && $0 != ".git" }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Gantry's own run data in `.gantry/` is never part of a checkout; its config files (`gates.yml`, `services/`,
    /// `actions/`) are.
    static func isGantryData(_ path: String) -> Bool {
        ["runs/", "work/", "cache/", "toolcache/", "gantry.db"].contains { path.hasPrefix(".gantry/" + $0) }
    }
}
