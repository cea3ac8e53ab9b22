import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the attempts of the test command of `gantry tests retry`: each a child process with this process's standard
/// input, output and error, in this process's process group, which gets the SIGINT and SIGTERM this process receives.
///
/// The child stays in the process group so that a terminal's Ctrl-C and a runner that kills a step's process group
/// reach it directly. A SIGINT is therefore not forwarded while this process is in the terminal's foreground (the
/// child already got it from the terminal); a SIGTERM, and a SIGINT sent to this process alone, are. From ``init()``
/// to ``stop()`` this process does not die of those signals: it records them in ``interruption``, so that the caller
/// stops between attempts too.
public final class RetryAttemptProcess: @unchecked Sendable {
    /// How an attempt ended.
    public struct Termination: Sendable, Hashable {
        /// The exit status, or 128 + the signal that killed the command.
        public var status: Int32
        /// The signal this process received while the attempt ran, if any: the attempt was interrupted.
        public var interruption: Int32?
    }

    private let lock = NSLock()
    private var child: pid_t = 0
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM.
    public init() {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.receive(number) }
            source.resume()
            return source
        }
    }

    /// The last SIGINT or SIGTERM received since ``init()``, if any.
    public var interruption: Int32? { lock.withLock { received } }

    /// Stops catching the signals (they are still ignored until the process ends).
    public func stop() {
        for source in sources { source.cancel() }
        sources = []
    }

    /// Runs `arguments` (the executable is looked up on `PATH`) with `environment` added to this process's, and waits.
    public func run(_ arguments: [String], environment: [String: String]) async throws -> Termination {
        let pid = try Self.spawn(
            arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        let pending = lock.withLock {
            child = pid
            return received
        }
        if let pending { kill(pid, pending) }
        let status = await withCheckedContinuation { continuation in
            // waitpid blocks, so it gets a thread of its own rather than one of the task pool's.
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                let signaled = status & 0x7f
                continuation.resume(returning: signaled == 0 ? (status >> 8) & 0xff : 128 + signaled)
            }
        }
        lock.withLock { child = 0 }
        return Termination(status: status, interruption: interruption)
    }

    private func receive(_ number: Int32) {
        let pid = lock.withLock {
            received = number
            return child
        }
        let fromTerminal = number == SIGINT && isatty(0) == 1 && tcgetpgrp(0) == getpgrp()
        if pid > 0 && !fromTerminal { kill(pid, number) }
    }

    private static func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Threads of the task pool block every signal; the command must start with none blocked, and with the
        // default actions for the signals this process ignores.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, arguments[0], nil, &attributes, argv, envp)
        guard code == 0 else {
            throw RetryAttemptError(command: arguments[0], message: String(cString: strerror(code)))
        }
        return pid
    }
}

/// A test command that could not be started.
public struct RetryAttemptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executable.
    public var command: String
    /// Why, as the system said.
    public var message: String

    /// `cannot start "pytst": No such file or directory`
    public var description: String { "cannot start \"\(command)\": \(message)" }
}
