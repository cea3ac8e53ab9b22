import Foundation

/// What `git` says about the repository: the commit, the ref and the origin, read once per run.
public struct GitState: Sendable {
    public var sha: String
    /// `refs/heads/<branch>`, `refs/tags/<tag>` when HEAD is detached at a tag, or empty outside git.
    public var ref: String
    /// `owner/name` from the origin remote, or the directory name.
    public var repository: String
    public var isRepository: Bool

    public var refName: String {
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }

    public var refType: String { ref.hasPrefix("refs/tags/") ? "tag" : "branch" }

    public var owner: String { repository.split(separator: "/").first.map(String.init) ?? repository }

    /// Reads the state of `root`; outside a git repository every field has a harmless default.
    public static func read(root: String) -> GitState {
        let name = URL(fileURLWithPath: root).lastPathComponent
        if let state = readFiles(root: root, name: name) { return state }
        guard let sha = git(["rev-parse", "HEAD"], in: root) else {
            return GitState(sha: String(repeating: "0", count: 40), ref: "refs/heads/main", repository: "local/\(name)", isRepository: false)
        }
        var ref = ""
        if let branch = git(["symbolic-ref", "-q", "HEAD"], in: root) {
            ref = branch
        } else if let tag = git(["describe", "--tags", "--exact-match", "HEAD"], in: root) {
            ref = "refs/tags/\(tag)"
        }
        let remote = git(["config", "--get", "remote.origin.url"], in: root)
        return GitState(sha: sha, ref: ref, repository: remote.flatMap(repositoryName) ?? "local/\(name)", isRepository: true)
    }

    /// The common case read straight from `.git` (HEAD on a branch, loose or packed ref), which saves three `git`
    /// processes on every run; anything unusual (worktrees, detached HEAD, unborn branch) falls back to `git`.
    static func readFiles(root: String, name: String) -> GitState? {
        let gitDirectory = root + "/.git"
        func text(_ path: String) -> String? {
            FileManager.default.contents(atPath: gitDirectory + "/" + path).map { String(decoding: $0, as: UTF8.self) }
        }
        guard let head = text("HEAD")?.trimmingCharacters(in: .whitespacesAndNewlines), head.hasPrefix("ref: ") else { return nil }
        let ref = String(head.dropFirst(5))
        var sha = text(ref)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if sha == nil, let packed = text("packed-refs") {
            sha = packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(40)) }
        }
        guard let sha, sha.count == 40 else { return nil }
        var remote: String?
        if let config = text("config") {
            var inOrigin = false
            for line in config.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("[") { inOrigin = trimmed == "[remote \"origin\"]"; continue }
                if inOrigin, trimmed.hasPrefix("url"), let equals = trimmed.firstIndex(of: "=") {
                    remote = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return GitState(sha: sha, ref: ref, repository: remote.flatMap(repositoryName) ?? "local/\(name)", isRepository: true)
    }

    /// Files changed by the last commit plus uncommitted changes, for `paths:` filters; nil if git cannot tell.
    public static func changedFiles(root: String) -> [String]? {
        let committed = git(["diff", "--name-only", "HEAD~1", "HEAD"], in: root)
            ?? git(["ls-files"], in: root)
        let uncommitted = git(["status", "--porcelain", "--untracked-files=all"], in: root)
        guard committed != nil || uncommitted != nil else { return nil }
        var files = committed?.split(separator: "\n").map(String.init) ?? []
        for line in uncommitted?.split(separator: "\n") ?? [] where line.count > 3 {
            let path = line.dropFirst(3)
            files.append(String(path.split(separator: " -> ").last ?? path))
        }
        return files
    }

    /// `owner/name` from `https://host/owner/name(.git)` or `git@host:owner/name.git`.
    static func repositoryName(_ url: String) -> String? {
        var text = url.hasSuffix(".git") ? String(url.dropLast(4)) : url
        if let colon = text.lastIndex(of: ":"), !text[..<colon].contains("/") { text = String(text[text.index(after: colon)...]) }
        let parts = text.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return "\(parts[parts.count - 2])/\(parts[parts.count - 1])"
    }

    static func git(_ arguments: [String], in root: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
