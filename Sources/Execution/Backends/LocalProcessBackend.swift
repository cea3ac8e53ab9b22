import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How a process ended.
public enum Termination: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    /// Killed by Gantry because it ran past its timeout.
    case timedOut
    /// Killed by Gantry because the run was cancelled.
    case cancelled

    public var succeeded: Bool { self == .exited(0) }
}

/// A command to start: argv, environment, directory.
public struct ProcessSpec: Sendable {
    public var arguments: [String]
    public var environment: [String: String]
    public var directory: String
    /// Which job the process belongs to, so the job can end its leftovers.
    public var owner: String
    public var timeout: Duration?

    public init(arguments: [String], environment: [String: String], directory: String, owner: String, timeout: Duration? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.owner = owner
        self.timeout = timeout
    }
}

/// A failure to start a process at all (not a non-zero exit).
public struct SpawnError: Error, Sendable, CustomStringConvertible {
    public var command: String
    public var code: Int32
    public var description: String { "cannot start \(command): \(String(cString: strerror(code)))" }
}

/// Runs host processes in their own process groups and streams their combined stdout and stderr line by line.
public enum LocalProcessBackend {
    /// Runs `spec`, calling `onLine` for every output line (without its newline) from a reader thread, in order.
    /// Cancelling the calling task terminates the process group (SIGTERM, then SIGKILL after `grace`).
    public static func run(
        _ spec: ProcessSpec, grace: Duration = .seconds(5), onLine: @escaping @Sendable (String) -> Void
    ) async throws -> Termination {
        // Spawning blocks until the child has exec'd, so it happens on the watcher's own thread, not on one of the
        // few threads that run Swift tasks.
        let watcher = ProcessWatcher(onLine: onLine)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int32, SpawnError>, Never>) in
                watcher.start(timeout: spec.timeout, grace: grace, spawn: { () throws(SpawnError) -> (pid_t, Int32) in
                    let (pid, descriptor) = try spawn(spec)
                    ProcessGroups.shared.add(pid, owner: spec.owner)
                    return (pid, descriptor)
                }) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            watcher.cancel(grace: grace)
        }
        let status = try outcome.get()
        // The step is over; leftover background children stay in the group until the job ends them.
        if let pid = watcher.processID, kill(-pid, 0) != 0 { ProcessGroups.shared.remove(pid) }
        if watcher.wasCancelled { return .cancelled }
        if watcher.timedOut { return .timedOut }
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }

    private static func spawn(_ spec: ProcessSpec) throws(SpawnError) -> (pid_t, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(command: spec.arguments.first ?? "", code: errno) }
        // Our ends must not leak into other children spawned concurrently.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        defer { close(fds[1]) }
        do {
            return (try ProcessSpawner.spawn(spec, output: .descriptor(fds[1])), fds[0])
        } catch {
            close(fds[0])
            throw error
        }
    }

    /// The executable for `name`: itself when it has a slash, else the first match on `path`.
    static func resolve(_ name: String, path: String?) -> String {
        if name.contains("/") { return name }
        let key = name + "\u{0}" + (path ?? "")
        if let known = resolved.withLock({ $0[key] }) { return known }
        var found = name
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 {
                found = candidate
                break
            }
        }
        resolved.withLock { $0[key] = found }
        return found
    }

    /// Lookups already done in this process, so each step does not search PATH again.
    private static let resolved = Mutex<[String: String]>([:])
}
