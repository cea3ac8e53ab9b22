import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a child's output on a dedicated thread and reaps it, enforcing a timeout and cancellation.
final class ProcessWatcher: @unchecked Sendable {
    private(set) var pid: pid_t = 0
    private var readFD: Int32 = -1
    let onLine: @Sendable (String) -> Void
    private let lock = NSLock()
    private var cancelled = false
    private var didTimeOut = false
    private var exited = false

    init(onLine: @escaping @Sendable (String) -> Void) {
        self.onLine = onLine
    }

    /// The child's pid once it has been started.
    var processID: pid_t? { lock.withLock { pid == 0 ? nil : pid } }

    var wasCancelled: Bool { lock.withLock { cancelled } }
    var timedOut: Bool { lock.withLock { didTimeOut } }

    /// Spawns the child on a dedicated thread, then reads its output and reaps it there.
    func start(
        timeout: Duration?, grace: Duration, spawn: @escaping @Sendable () throws(SpawnError) -> (pid_t, Int32),
        completion: @escaping @Sendable (Result<Int32, SpawnError>) -> Void
    ) {
        let thread = Thread { [self] in
            do throws(SpawnError) {
                let (pid, descriptor) = try spawn()
                let cancelledEarly = lock.withLock {
                    self.pid = pid
                    self.readFD = descriptor
                    return cancelled
                }
                if cancelledEarly { terminate(grace: grace) }
                completion(.success(self.pump(timeout: timeout, grace: grace)))
            } catch {
                completion(.failure(error))
            }
        }
        thread.stackSize = 256 * 1024
        thread.start()
    }

    func cancel(grace: Duration) {
        let (alreadyExited, started) = lock.withLock {
            cancelled = true
            return (exited, pid != 0)
        }
        guard !alreadyExited, started else { return }
        terminate(grace: grace)
    }

    private func terminate(grace: Duration) {
        kill(-pid, SIGTERM)
        let pid = self.pid
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18)
            kill(-pid, SIGKILL)
        }
    }

    /// Reads until the child exits and its output is drained, then reaps it and returns the raw wait status.
    private func pump(timeout: Duration?, grace: Duration) -> Int32 {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending: [UInt8] = []
        var status: Int32 = 0
        var reaped = false
        var drainUntil: ContinuousClock.Instant?
        var pollDescriptor = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
        loop: while true {
            let ready = poll(&pollDescriptor, 1, reaped ? 20 : 100)
            if ready > 0 {
                let count = read(readFD, &buffer, buffer.count)
                if count > 0 {
                    pending.append(contentsOf: buffer[0..<count])
                    emitLines(&pending)
                    continue
                }
                if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { break loop }
            }
            if !reaped {
                if waitpid(pid, &status, WNOHANG) == pid {
                    reaped = true
                    lock.withLock { exited = true }
                    // Background children may hold the pipe open; give their buffered output a moment, no more.
                    drainUntil = ContinuousClock.now + .milliseconds(50)
                }
            } else if let drainUntil, ContinuousClock.now > drainUntil, ready == 0 {
                break loop
            }
            if let deadline, !reaped, ContinuousClock.now > deadline, !timedOut {
                lock.withLock { didTimeOut = true }
                terminate(grace: grace)
            }
        }
        close(readFD)
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        if !reaped {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            lock.withLock { exited = true }
        }
        return status
    }

    private func emitLines(_ pending: inout [UInt8]) {
        var start = 0
        while let newline = pending[start...].firstIndex(of: 10) {
            var end = newline
            if end > start, pending[end - 1] == 13 { end -= 1 }
            onLine(String(decoding: pending[start..<end], as: UTF8.self))
            start = newline + 1
        }
        if start > 0 { pending.removeFirst(start) }
    }
}
