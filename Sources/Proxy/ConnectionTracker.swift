import NIOConcurrencyHelpers
import NIOCore

/// The open client connections, so that shutdown can let each finish its request and then close it.
///
/// Thread-safe. Once `quiesce` has begun, new connections are closed as soon as they are registered.
final class ConnectionTracker: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var quiescing = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    /// Adds a new client connection; `false` (and the caller closes it) once shutdown has begun.
    func register(_ channel: any Channel) -> Bool {
        let accepted = state.withLockedValue { state in
            guard !state.quiescing else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if accepted {
            channel.closeFuture.whenComplete { _ in self.remove(channel) }
        }
        return accepted
    }

    var count: Int { state.withLockedValue { $0.channels.count } }

    private func remove(_ channel: any Channel) {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.channels[ObjectIdentifier(channel)] = nil
            guard state.channels.isEmpty else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Asks every connection to close once its current request is answered (idle ones close at once), waits up to
    /// `gracePeriod` for them, then closes the rest.
    func quiesce(gracePeriod: Duration) async {
        let channels = state.withLockedValue { state in
            state.quiescing = true
            return Array(state.channels.values)
        }
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitUntilEmpty() }
            group.addTask { try? await Task.sleep(for: gracePeriod) }
            await group.next()
            // Past the grace period (or already empty): close what is left; the waiting task then ends.
            let remaining = state.withLockedValue { Array($0.channels.values) }
            for channel in remaining { channel.close(promise: nil) }
            group.cancelAll()
        }
    }

    private func waitUntilEmpty() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLockedValue { state in
                if state.channels.isEmpty { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
