import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Empty job workspaces kept between runs under `.gantry/workspaces/`.
///
/// A run with many short jobs spends more time making and deleting directories than running steps: on ext4, making
/// a directory right after others were deleted scans for recently freed inodes. Renaming a kept, emptied directory
/// into place costs no new inode, so workspaces are recycled instead of deleted.
public final class WorkspacePool: @unchecked Sendable {
    public let directory: String
    static let capacity = 128
    private let lock = NSLock()
    private var available: [String]

    /// Reads the kept workspaces once; jobs then take them without listing the directory again.
    public init(repositoryRoot: String) {
        directory = repositoryRoot + "/.gantry/workspaces"
        available = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("w-") }
    }

    /// Puts an empty directory at `path`: a recycled one when there is one, a new one otherwise.
    public func take(to path: String) throws {
        // Another gantry process may have taken a listed one; then try the next.
        while let name = lock.withLock({ available.popLast() }) {
            if rename(directory + "/" + name, path) == 0 { return }
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Empties each workspace and keeps it for the next run (up to `capacity`); the rest are deleted.
    public func recycle(_ paths: [String]) {
        let fileManager = FileManager.default
        try? fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var kept = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).count
        for path in paths {
            for entry in (try? fileManager.contentsOfDirectory(atPath: path)) ?? [] {
                try? fileManager.removeItem(atPath: path + "/" + entry)
            }
            if kept < Self.capacity, rename(path, directory + "/w-" + UUID().uuidString) == 0 {
                kept += 1
            } else {
                try? fileManager.removeItem(atPath: path)
            }
        }
    }
}
