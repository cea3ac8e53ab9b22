import Foundation

/// Writes a job's records to the store in order, without making its steps wait for the database.
///
/// Each write runs after the previous one (a step's record needs the job's id); `drain` waits for all of them,
/// so a job's records are complete before the job reports that it finished.
final class RecordQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var tail: Task<Void, Never>?

    func enqueue(_ write: @escaping @Sendable () async -> Void) {
        lock.withLock {
            let previous = tail
            tail = Task {
                await previous?.value
                await write()
            }
        }
    }

    func drain() async {
        let last = lock.withLock { tail }
        await last?.value
    }
}
