import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A long-running process (a service replica) in its own process group, with its output appended to a file.
public final class ServiceProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    /// Starts `spec`; its stdout and stderr go to `logPath`.
    public init(_ spec: ProcessSpec, logPath: String) throws {
        pid = try ProcessSpawner.spawn(spec, output: .file(logPath))
        ProcessGroups.shared.add(pid, owner: spec.owner)
        let pid = self.pid
        let thread = Thread { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            finish(status)
        }
        thread.stackSize = 128 * 1024
        thread.start()
    }

    /// Whether the process has exited.
    public var hasExited: Bool { lock.withLock { exitStatus != nil } }

    /// Waits for the process to exit; returns the raw wait status.
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = lock.withLock {
                if let exitStatus { return exitStatus }
                waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// SIGTERM to the process group, SIGKILL after `grace` if it is still there; returns when it has exited.
    public func terminate(grace: Duration) async {
        guard !hasExited else { return }
        kill(-pid, SIGTERM)
        let exited = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await self.wait()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !exited { kill(-pid, SIGKILL) }
        _ = await wait()
        // Children that left the group's leader behind still get the signal.
        kill(-pid, SIGKILL)
        ProcessGroups.shared.remove(pid)
    }

    private func finish(_ status: Int32) {
        let resumed = lock.withLock {
            exitStatus = status
            defer { waiters = [] }
            return waiters
        }
        for waiter in resumed { waiter.resume(returning: status) }
    }

    /// `exited with status 1` or `killed by signal 9`.
    public static func describe(_ status: Int32) -> String {
        status & 0x7f == 0 ? "exited with status \((status >> 8) & 0xff)" : "killed by signal \(status & 0x7f)"
    }
}
