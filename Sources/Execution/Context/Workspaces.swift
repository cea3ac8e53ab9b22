import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Job workspaces at stable paths, `.gantry/work/<job>`, emptied when a job starts.
///
/// GitHub's runners give a job the same GITHUB_WORKSPACE path on every run, and tools rely on that: a restored
/// build cache (SwiftPM's `.build`, CMake's build tree) records absolute paths and is only reused at the same path.
/// Stable paths also spare every run the cost of making and deleting a directory per job. A workspace is held with
/// an exclusive `flock` while its job runs; if another Gantry process holds it, the job gets a fresh path instead.
public struct Workspaces: Sendable {
    public let root: String

    public init(repositoryRoot: String) {
        root = repositoryRoot + "/.gantry/work"
    }

    /// Makes `.gantry/work`; called once per run, before any job acquires a workspace.
    public func prepare() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// A held, empty workspace for the job named `slug`.
    public func acquire(_ slug: String) throws -> HeldWorkspace {
        for attempt in 0..<3 {
            let path = root + "/" + slug + (attempt == 0 ? "" : "-" + UUID().uuidString.prefix(8))
            let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard lock >= 0 else { continue }
            guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
                close(lock)
                continue
            }
            try empty(path)
            return HeldWorkspace(path: path, lockDescriptor: lock)
        }
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root + "/" + slug])
    }

    /// Makes `path` an existing, empty directory.
    func empty(_ path: String) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            for entry in try fileManager.contentsOfDirectory(atPath: path) {
                try fileManager.removeItem(atPath: path + "/" + entry)
            }
        } else {
            try? fileManager.removeItem(atPath: path)
            try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }
}

/// A workspace a job holds until `release`.
public struct HeldWorkspace: Sendable {
    public let path: String
    let lockDescriptor: Int32

    public func release() {
        close(lockDescriptor)
    }
}
