import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command run to completion in its own process group, with its output captured and its time bounded.
///
/// The command gets `/dev/null` as input, default signal dispositions, and a process group of its own. When it
/// times out or the task is cancelled, the whole group is killed; when it exits, whatever it left running in the
/// group is killed too, so no measurement leaves a process behind.
struct ChildProcess: Sendable {
    /// How a run ended.
    enum Termination: Sendable, Hashable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal it did not catch ended it.
        case signaled(Int32)
        /// It ran past its timeout and its group was killed.
        case timedOut
        /// The task was cancelled and its group was killed.
        case cancelled
        /// It could not be started; the reason says why.
        case failedToStart(String)
    }

    /// What a run produced.
    struct Outcome: Sendable {
        /// How it ended.
        var termination: Termination
        /// The last `outputLimit` bytes of standard output.
        var standardOutput: [UInt8]
        /// The last `outputLimit` bytes of standard error.
        var standardError: [UInt8]
    }

    /// The most bytes kept of each output stream (the tail is kept: that is where the answer is).
    static let outputLimit = 64 * 1024

    /// The program and its arguments.
    var arguments: [String]
    /// The working directory, nil for the current one.
    var workingDirectory: String?
    /// The complete environment of the child.
    var environment: [String: String]
    /// The time the run may take.
    var timeout: Duration

    /// Runs the command on a thread of its own (it blocks), killing its group if the task is cancelled.
    func run() async -> Outcome {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let thread = Thread {
                    continuation.resume(returning: runBlocking(cancellation: cancellation))
                }
                thread.name = "gantry-command"
                thread.start()
            }
        } onCancel: {
            cancellation.set()
        }
    }

    /// The program's path: as given if it contains a `/`, otherwise the first executable match on `PATH`.
    func resolveExecutable() -> String? {
        guard let program = arguments.first, !program.isEmpty else { return nil }
        if program.contains("/") { return program }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                access(candidate, X_OK) == 0
            {
                return candidate
            }
        }
        return nil
    }
}

/// A flag set from a cancellation handler and read by the thread running the child.
final class CancellationFlag: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var value = false

    /// Raises the flag.
    func set() {
        lock.withLock { value = true }
    }

    /// Whether the flag is raised.
    var isSet: Bool { lock.withLock { value } }
}
