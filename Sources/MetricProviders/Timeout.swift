/// Thrown by `withTimeout` when the time ran out first.
struct TimeoutError: Error, Sendable {}

/// Runs `operation`, cancelling it and throwing `TimeoutError` if it has not finished after `timeout`.
///
/// The operation must honour cancellation for the call to return on time.
func withTimeout<Value: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
