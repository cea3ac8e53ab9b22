import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Every process group Gantry has started and not yet reaped, so cancellation and exit can end them all.
///
/// Each step runs in its own process group; signalling the group reaches the step's whole process tree, including
/// background children that outlive the step's shell.
public final class ProcessGroups: @unchecked Sendable {
    public static let shared = ProcessGroups()

    private let lock = NSLock()
    private var groups: [pid_t: String] = [:]  // pgid -> owner (a job key)

    public func add(_ pgid: pid_t, owner: String) {
        lock.withLock { groups[pgid] = owner }
    }

    public func remove(_ pgid: pid_t) {
        lock.withLock { _ = groups.removeValue(forKey: pgid) }
    }

    /// The groups started on behalf of `owner`, or all of them.
    public func groups(owner: String? = nil) -> [pid_t] {
        lock.withLock { groups.filter { owner == nil || $0.value == owner }.map(\.key) }
    }

    /// Sends `signal` to each group; a group that no longer exists is forgotten.
    public func signal(_ signal: Int32, owner: String? = nil) {
        for pgid in groups(owner: owner) where kill(-pgid, signal) != 0 && errno == ESRCH {
            remove(pgid)
        }
    }

    /// SIGTERM to each group, then SIGKILL to whatever is left after `grace`.
    public func terminate(owner: String? = nil, grace: Duration) async {
        let targets = groups(owner: owner)
        guard !targets.isEmpty else { return }
        for pgid in targets { kill(-pgid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if targets.allSatisfy({ kill(-$0, 0) != 0 }) { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        for pgid in targets {
            kill(-pgid, SIGKILL)
            remove(pgid)
        }
    }

    /// SIGKILL to every group at once; used when Gantry itself is about to exit.
    public func killAll() {
        for pgid in groups() {
            kill(-pgid, SIGKILL)
            remove(pgid)
        }
    }
}
