import Foundation
import Workflows

/// Files that a glob pattern names, relative to a root: `reports/**/*.xml`, `coverage/lcov.info`, `/tmp/scan.sarif`.
enum EvidenceFiles {
    /// One matching file: as the user should see it, and where to read it.
    struct Match: Hashable {
        var display: String
        var absolute: String
    }

    /// The regular files that match `pattern` (GitHub glob syntax), sorted; `.git` is never searched.
    static func match(_ pattern: String, root: String) -> [Match] {
        let pattern = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        let isAbsolute = pattern.hasPrefix("/")
        let absolute = { (path: String) in isAbsolute ? path : root + "/" + path }
        let components = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let wildcard = components.firstIndex { $0.contains { "*?[+\\".contains($0) } }
        guard let wildcard else {
            return isFile(absolute(pattern)) ? [Match(display: pattern, absolute: absolute(pattern))] : []
        }
        // Walk only below the part of the pattern without wildcards.
        let base = components[..<wildcard].joined(separator: "/")
        let glob = GlobPattern(pattern)
        let start = base.isEmpty ? (isAbsolute ? "/" : root) : absolute(base)
        guard let enumerator = FileManager.default.enumerator(atPath: start) else { return [] }
        var matches: [Match] = []
        while let relative = enumerator.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name == ".git" {
                enumerator.skipDescendants()
                continue
            }
            let display = base.isEmpty ? (isAbsolute ? "/" + relative : relative) : base + "/" + relative
            guard glob.matches(display), isFile(absolute(display)) else { continue }
            matches.append(Match(display: display, absolute: absolute(display)))
        }
        return matches.sorted { $0.display < $1.display }
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
