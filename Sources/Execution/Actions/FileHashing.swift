import Crypto
import Foundation
import Workflows

/// `hashFiles()`: the SHA-256 of the SHA-256 of every matching file, in path order, as GitHub computes it.
enum FileHashing {
    static func hashFiles(_ patterns: [String], root: String) throws -> String {
        let files = FileGlob.match(patterns, root: root).filter { !$0.isDirectory }
        guard !files.isEmpty else { return "" }
        var combined = SHA256()
        for file in files.sorted(by: { $0.relativePath < $1.relativePath }) {
            guard let data = FileManager.default.contents(atPath: file.absolutePath) else { continue }
            combined.update(data: Data(SHA256.hash(data: data)))
        }
        return ContentDigest.hex(combined.finalize())
    }
}

/// Files under a root that match GitHub-style glob patterns (`!` patterns exclude), relative to the root.
enum FileGlob {
    struct Match: Hashable {
        var relativePath: String
        var absolutePath: String
        var isDirectory: Bool
    }

    static func match(_ patterns: [String], root: String) -> [Match] {
        let cleaned = patterns.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return [] }
        let list = PatternList(cleaned.map { pattern in
            let negated = pattern.hasPrefix("!")
            var body = negated ? String(pattern.dropFirst()) : pattern
            if body.hasPrefix(root + "/") { body = String(body.dropFirst(root.count + 1)) }
            if body.hasPrefix("./") { body = String(body.dropFirst(2)) }
            return (negated ? "!" : "") + body
        })
        var matches: [Match] = []
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        while let relative = enumerator.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") {
                enumerator.skipDescendants()
                continue
            }
            guard list.matches(relative) else { continue }
            let absolute = root + "/" + relative
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
            matches.append(Match(relativePath: relative, absolutePath: absolute, isDirectory: isDirectory.boolValue))
        }
        return matches
    }
}
