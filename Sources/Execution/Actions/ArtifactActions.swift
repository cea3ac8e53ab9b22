import Foundation
import Persistence

/// `actions/upload-artifact` and `actions/download-artifact` over a per-run store: `.gantry/runs/<n>/artifacts/<name>/`.
enum ArtifactActions {
    @Sendable static func upload(_ call: BuiltinInvocation) async throws -> StepResult {
        let name = call.inputs["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "artifact"
        guard !name.contains("/"), !name.contains("..") else {
            return call.invocation.fail("artifact name \"\(name)\" must not contain \"/\" or \"..\"")
        }
        let workspace = call.state.workspace
        let fileManager = FileManager.default
        var files: [String] = []  // absolute paths
        for entry in call.list("path") where !entry.hasPrefix("!") {
            let absolute = entry.hasPrefix("/") ? entry : workspace + "/" + entry
            if entry.contains("*") || entry.contains("?") {
                files += FileGlob.match([entry], root: workspace).filter { !$0.isDirectory }.map(\.absolutePath)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: absolute, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let inside = fileManager.enumerator(atPath: absolute)?.allObjects as? [String] ?? []
                files += inside.map { absolute + "/" + $0 }.filter { path in
                    var directory: ObjCBool = false
                    return fileManager.fileExists(atPath: path, isDirectory: &directory) && !directory.boolValue
                }
            } else {
                files.append(absolute)
            }
        }
        let excluded = call.list("path").filter { $0.hasPrefix("!") }
        if !excluded.isEmpty {
            let excludedFiles = Set(FileGlob.match(excluded.map { String($0.dropFirst()) }, root: workspace).map(\.absolutePath))
            files.removeAll { excludedFiles.contains($0) }
        }
        guard !files.isEmpty else {
            let mode = call.inputs["if-no-files-found"] ?? "warn"
            let message = "no files were found with the provided path: \(call.list("path").joined(separator: ", "))"
            if mode == "error" { return call.invocation.fail(message + "; no artifact will be uploaded") }
            if mode != "ignore" { call.log("warning: " + message) }
            return StepResult(outcome: .success)
        }
        let root = commonDirectory(files.map { ($0 as NSString).deletingLastPathComponent })
        let destination = call.state.run.runDirectory + "/artifacts/" + name
        let major = Int(call.ref.drop { $0 == "v" }.prefix { $0.isNumber }) ?? 4
        if major >= 4, fileManager.fileExists(atPath: destination) {
            return call.invocation.fail("an artifact named \"\(name)\" was already uploaded in this run; artifact names must be unique")
        }
        for file in files {
            let relative = String(file.dropFirst(root.count)).drop { $0 == "/" }
            let target = destination + "/" + relative
            try fileManager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? fileManager.removeItem(atPath: target)
            try fileManager.copyItem(atPath: file, toPath: target)
        }
        call.log("uploaded \(files.count) file(s) as artifact \"\(name)\"")
        return StepResult(outcome: .success, outputs: ["artifact-id": name, "artifact-url": "file://" + destination])
    }

    @Sendable static func download(_ call: BuiltinInvocation) async throws -> StepResult {
        let store = call.state.run.runDirectory + "/artifacts"
        let fileManager = FileManager.default
        let destination = RunStep.resolve(call.inputs["path"], in: call.state.workspace)
        let available = ((try? fileManager.contentsOfDirectory(atPath: store)) ?? []).sorted()
        let requested = call.inputs["name"].flatMap { $0.isEmpty ? nil : $0 }
        let names: [String]
        if let requested {
            guard available.contains(requested) else {
                let list = available.isEmpty ? "none" : available.map { "\"\($0)\"" }.joined(separator: ", ")
                return call.invocation.fail(
                    "artifact \"\(requested)\" not found in this run (uploaded so far: \(list)); the uploading job must be in this job's \"needs\"")
            }
            names = [requested]
        } else {
            names = available
        }
        for name in names {
            let source = store + "/" + name
            let target = requested == nil ? destination + "/" + name : destination
            let files = fileManager.enumerator(atPath: source)?.allObjects as? [String] ?? []
            for relative in files {
                var isDirectory: ObjCBool = false
                fileManager.fileExists(atPath: source + "/" + relative, isDirectory: &isDirectory)
                guard !isDirectory.boolValue else { continue }
                let path = target + "/" + relative
                try fileManager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fileManager.removeItem(atPath: path)
                try fileManager.copyItem(atPath: source + "/" + relative, toPath: path)
            }
            call.log("downloaded artifact \"\(name)\" to \(target)")
        }
        return StepResult(outcome: .success, outputs: ["download-path": destination])
    }

    /// The deepest directory that contains all of `directories`.
    static func commonDirectory(_ directories: [String]) -> String {
        guard var common = directories.first?.split(separator: "/", omittingEmptySubsequences: false) else { return "/" }
        for directory in directories.dropFirst() {
            let parts = directory.split(separator: "/", omittingEmptySubsequences: false)
            var count = 0
            while count < min(common.count, parts.count), common[count] == parts[count] { count += 1 }
            common = Array(common.prefix(count))
        }
        return common.joined(separator: "/")
    }
}
