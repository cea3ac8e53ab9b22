import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChildProcess {
    /// How often the loop looks at the clock, the cancellation flag and the child's status.
    private static let tick: Int32 = 20
    /// How long the pipes are still read after the group was killed, in case something escaped the group.
    private static let drainAfterKill: Duration = .seconds(2)

    /// Reads both pipes until they close and the child is reaped, killing the group on timeout or cancellation.
    func supervise(pid: pid_t, readers: [Int32], cancellation: CancellationFlag) -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var open = readers
        var captured: [Int32: [UInt8]] = [readers[0]: [], readers[1]: []]
        var status: Int32?
        var killedAt: ContinuousClock.Instant?
        var termination: Termination?
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)

        while status == nil || !open.isEmpty {
            if killedAt == nil, cancellation.isSet || clock.now >= deadline {
                termination = cancellation.isSet ? .cancelled : .timedOut
                kill(-pid, SIGKILL)
                killedAt = clock.now
            }
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    status = raw
                    // The leader is gone; anything it left running in its group goes too.
                    kill(-pid, SIGKILL)
                }
            }
            if let killedAt, clock.now - killedAt > Self.drainAfterKill {
                break
            }
            guard !open.isEmpty else {
                poll(nil, 0, Self.tick)
                continue
            }
            var descriptors = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&descriptors, nfds_t(descriptors.count), Self.tick) > 0 else { continue }
            for descriptor in descriptors where descriptor.revents != 0 {
                let count = read(descriptor.fd, &buffer, buffer.count)
                if count > 0 {
                    captured[descriptor.fd, default: []].append(contentsOf: buffer[0..<count])
                    if let size = captured[descriptor.fd]?.count, size > 2 * Self.outputLimit {
                        captured[descriptor.fd]?.removeFirst(size - Self.outputLimit)
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptor.fd)
                    open.removeAll { $0 == descriptor.fd }
                }
            }
        }
        for descriptor in open { close(descriptor) }
        if status == nil {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            status = raw
        }
        return Outcome(
            termination: termination ?? Self.decode(status ?? 0),
            standardOutput: Array((captured[readers[0]] ?? []).suffix(Self.outputLimit)),
            standardError: Array((captured[readers[1]] ?? []).suffix(Self.outputLimit))
        )
    }

    /// Turns a `waitpid` status into an exit code or a signal.
    private static func decode(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}
