import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChildProcess {
    /// Spawns the child, then polls its pipes and its status until it is gone; blocks the calling thread.
    func runBlocking(cancellation: CancellationFlag) -> Outcome {
        guard let executable = resolveExecutable() else {
            let program = arguments.first ?? ""
            let reason = program.isEmpty ? "no command given" : "command not found: \"\(program)\""
            return Outcome(termination: .failedToStart(reason), standardOutput: [], standardError: [])
        }
        if let workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: workingDirectory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                let reason = "working directory \"\(workingDirectory)\" does not exist"
                return Outcome(termination: .failedToStart(reason), standardOutput: [], standardError: [])
            }
        }
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard Self.makePipe(&output) else { return failure("pipe", errno) }
        guard Self.makePipe(&errors) else {
            close(output[0])
            close(output[1])
            return failure("pipe", errno)
        }
        let spawned = spawn(executable, output: output[1], errors: errors[1])
        close(output[1])
        close(errors[1])
        switch spawned {
        case .failure(let error):
            close(output[0])
            close(errors[0])
            return failure("cannot start \(executable)", error.code)
        case .success(let pid):
            return supervise(pid: pid, readers: [output[0], errors[0]], cancellation: cancellation)
        }
    }

    private func failure(_ call: String, _ code: Int32) -> Outcome {
        let reason = "\(call): \(String(cString: strerror(code)))"
        return Outcome(termination: .failedToStart(reason), standardOutput: [], standardError: [])
    }

    /// Starts the child in a new process group with the pipes as its stdout and stderr and `/dev/null` as stdin.
    private func spawn(_ executable: String, output: Int32, errors: Int32) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        if let workingDirectory {
            guard let addChdir = Self.addChdir else { return .failure(SpawnError(code: ENOSYS)) }
            guard addChdir(&actions, workingDirectory) == 0 else { return .failure(SpawnError(code: ENOMEM)) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Gantry (like any SwiftNIO process) ignores SIGPIPE, and ignored signals survive exec: restore defaults.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        return status == 0 ? .success(pid) : .failure(SpawnError(code: status))
    }

    /// A `posix_spawn` failure's errno.
    struct SpawnError: Error {
        var code: Int32
    }

    /// A pipe whose ends are closed on exec (the child gets its end through dup2, which clears the flag).
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        // pipe2 is hidden behind _GNU_SOURCE in Swift's Glibc module; the window before FD_CLOEXEC is harmless here.
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), looked up at run time: Swift's Glibc module hides it.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
}
