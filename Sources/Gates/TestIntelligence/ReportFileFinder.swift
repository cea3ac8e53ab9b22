import Foundation
import Workflows

/// Finds the report files a command wrote: the files matching glob patterns that are new or changed since a
/// snapshot taken before it started (comparing modification times, never the clock, which file systems round).
///
/// Patterns are GitHub-style globs (`**`, `*`, `?`, `!` to exclude) relative to the root, or absolute paths under it.
/// The walk starts at the longest directory prefix without wildcards and skips `.git` and `.gantry`.
public struct ReportFileFinder: Sendable {
    /// The directory patterns are relative to.
    public var root: String
    /// The patterns, as given.
    public var patterns: [String]

    /// A finder for `patterns` under `root`.
    public init(root: String, patterns: [String]) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.patterns = patterns
    }

    /// The matching files written since `snapshot` was taken (a file that is new, or whose modification time
    /// changed), sorted by path.
    public func files(writtenSince snapshot: [String: Date]) -> [String] {
        self.snapshot().filter { snapshot[$0.key] != $0.value }.keys.sorted()
    }

    /// Every matching file, with its modification time.
    public func snapshot() -> [String: Date] {
        let relative = patterns.map { pattern -> String in
            let negated = pattern.hasPrefix("!")
            var body = negated ? String(pattern.dropFirst()) : pattern
            if body.hasPrefix(root + "/") { body.removeFirst(root.count + 1) }
            while body.hasPrefix("./") { body.removeFirst(2) }
            return (negated ? "!" : "") + body
        }
        let list = PatternList(relative)
        var found: [String: Date] = [:]
        for start in Set(relative.filter { !$0.hasPrefix("!") }.map(Self.literalDirectory)) {
            let directory = start.isEmpty ? root : root + "/" + start
            guard let walker = FileManager.default.enumerator(atPath: directory) else { continue }
            while let next = walker.nextObject() as? String {
                if next.hasSuffix(".git") || next.hasSuffix(".gantry") {
                    let name = (next as NSString).lastPathComponent
                    if name == ".git" || name == ".gantry" {
                        walker.skipDescendants()
                        continue
                    }
                }
                let path = start.isEmpty ? next : start + "/" + next
                guard list.matches(path) else { continue }
                let absolute = root + "/" + path
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: absolute),
                    attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                found[absolute] = attributes[.modificationDate] as? Date ?? .distantPast
            }
        }
        return found
    }

    /// The directories of `pattern` before its first wildcard: where a walk for it can start.
    static func literalDirectory(_ pattern: String) -> String {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let literal = components.dropLast().prefix { !$0.contains(where: { "*?[+\\{".contains($0) }) }
        return literal.joined(separator: "/")
    }
}
