import Dispatch
import Execution
import Foundation
import Persistence

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a plan so that Ctrl-C or SIGTERM cancels it cleanly: steps' process trees get SIGTERM, then SIGKILL after
/// the grace period, jobs end as cancelled and the run record is finalized. A second signal kills everything at once.
enum CancellableRun {
    static func execute(_ plan: RunPlan, store: any Store, console: Console, masker: Masker) async throws -> RunResult {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let task = Task { try await RunEngine.execute(plan, store: store, console: console, masker: masker) }
        let signals = SignalCounter()
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if signals.increment() == 1 {
                    console.error("cancelling the run: stopping running steps (press Ctrl-C again to kill them now)")
                    task.cancel()
                } else {
                    ProcessGroups.shared.killAll()
                    exit(130)
                }
            }
            source.resume()
            return source
        }
        defer {
            sources.forEach { $0.cancel() }
            ProcessGroups.shared.killAll()
        }
        return try await task.value
    }
}

/// Counts signals received, from the signal handler's queue.
final class SignalCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
