import Foundation
import Persistence

/// `actions/cache`: a local, content-addressed cache under `.gantry/cache`.
///
/// Entries (`entries/<sha256 of key>.json`) point at tar archives named by the SHA-256 of their bytes
/// (`blobs/<sha256>.tar`), so identical caches under different keys are stored once. Restore tries the exact key,
/// then each `restore-keys` prefix, newest entry first; save runs at the end of a successful job.
enum CacheAction {
    struct Entry: Codable {
        var key: String
        var blob: String
        var created: Double
    }

    @Sendable static func run(_ call: BuiltinInvocation) async throws -> StepResult {
        try await restore(call, thenSave: true)
    }

    @Sendable static func restoreOnly(_ call: BuiltinInvocation) async throws -> StepResult {
        try await restore(call, thenSave: false)
    }

    @Sendable static func saveOnly(_ call: BuiltinInvocation) async throws -> StepResult {
        guard let key = call.inputs["key"], !key.isEmpty else { return call.invocation.fail("actions/cache/save needs \"key\"") }
        return try save(call, key: key) ? StepResult(outcome: .success) : call.invocation.fail("saving the cache failed")
    }

    static func restore(_ call: BuiltinInvocation, thenSave: Bool) async throws -> StepResult {
        guard let key = call.inputs["key"], !key.isEmpty else { return call.invocation.fail("actions/cache needs \"key\"") }
        guard !call.list("path").isEmpty else { return call.invocation.fail("actions/cache needs \"path\"") }
        let directory = call.state.run.cacheDirectory
        let entries = loadEntries(directory)
        var matched = entries.first { $0.key == key }
        let exact = matched != nil
        if matched == nil {
            for prefix in call.list("restore-keys") {
                if let candidate = entries.filter({ $0.key.hasPrefix(prefix) }).max(by: { $0.created < $1.created }) {
                    matched = candidate
                    break
                }
            }
        }
        var outputs = ["cache-hit": exact ? "true" : "false", "cache-primary-key": key, "cache-matched-key": matched?.key ?? ""]
        if let matched {
            let blob = directory + "/blobs/" + matched.blob + ".tar"
            guard try tool(["tar", "-xPf", blob], in: call.state.workspace) else {
                return call.invocation.fail("restoring the cache for key \"\(matched.key)\" failed")
            }
            call.log(exact ? "cache restored from key: \(key)" : "cache restored from restore key: \(matched.key)")
        } else {
            call.log("cache not found for key: \(key)")
            if call.inputs["fail-on-cache-miss"] == "true" {
                return StepResult(outcome: .failure, outputs: outputs, log: "cache miss and fail-on-cache-miss is set")
            }
            outputs["cache-hit"] = "false"
        }
        if thenSave && !exact {
            call.state.mutate { $0.postSteps.append(PostStep(name: "Post cache") { state in
                guard !state.failed && !state.cancelled else { return .success }
                return ((try? save(call, key: key)) ?? false) ? .success : .failure
            }) }
        }
        return StepResult(outcome: .success, outputs: outputs)
    }

    /// Archives the `path` entries and records them under `key`; an existing key is left as it is, as GitHub does.
    static func save(_ call: BuiltinInvocation, key: String) throws -> Bool {
        let directory = call.state.run.cacheDirectory
        let fileManager = FileManager.default
        let entryPath = directory + "/entries/" + ContentDigest.hex(Data(key.utf8)) + ".json"
        if fileManager.fileExists(atPath: entryPath) { return true }
        try fileManager.createDirectory(atPath: directory + "/blobs", withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: directory + "/entries", withIntermediateDirectories: true)
        let workspace = call.state.workspace
        let home = call.state.run.hostEnvironment["HOME"] ?? "/root"
        var paths: [String] = []
        for entry in call.list("path") where !entry.hasPrefix("!") {
            let expanded = entry.hasPrefix("~/") ? home + entry.dropFirst(1) : entry
            if expanded.contains("*") || expanded.contains("?") {
                paths += FileGlob.match([expanded], root: workspace).map(\.relativePath)
            } else if fileManager.fileExists(atPath: expanded.hasPrefix("/") ? expanded : workspace + "/" + expanded) {
                paths.append(expanded)
            }
        }
        guard !paths.isEmpty else {
            call.log("no files to cache for key \(key): none of the paths exist")
            return true
        }
        let temporary = directory + "/blobs/.tmp-" + UUID().uuidString
        guard try tool(["tar", "-cPf", temporary, "--"] + paths, in: workspace) else { return false }
        let blob = try ContentDigest.hexOfFile(temporary)
        let size = (try? fileManager.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0
        let blobPath = directory + "/blobs/" + blob + ".tar"
        if fileManager.fileExists(atPath: blobPath) {
            try fileManager.removeItem(atPath: temporary)
        } else {
            try fileManager.moveItem(atPath: temporary, toPath: blobPath)
        }
        let entry = try JSONEncoder().encode(Entry(key: key, blob: blob, created: Date().timeIntervalSince1970))
        try entry.write(to: URL(fileURLWithPath: entryPath), options: .atomic)
        call.log("cache saved with key: \(key) (\(size) bytes)")
        return true
    }

    static func loadEntries(_ directory: String) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/entries")) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { name in
            FileManager.default.contents(atPath: directory + "/entries/" + name).flatMap { try? JSONDecoder().decode(Entry.self, from: $0) }
        }
    }

    /// Runs a helper tool (tar) to completion; true when it exits 0.
    static func tool(_ arguments: [String], in directory: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
