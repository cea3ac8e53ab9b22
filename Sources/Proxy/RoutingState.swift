import Atomics
import NIOConcurrencyHelpers

/// The current ``RoutingTable``, shared by all I/O threads.
///
/// Writers swap the whole table under a lock and then bump a generation number; each I/O thread keeps its own
/// copy of the table and looks at the (atomic) generation once per request, taking the lock only after a change.
final class RoutingState: Sendable {
    private let table: NIOLockedValueBox<RoutingTable>
    private let generationCounter = ManagedAtomic<Int>(0)

    init(_ table: RoutingTable) {
        self.table = NIOLockedValueBox(table)
    }

    /// Changes with every published table.
    var generation: Int { generationCounter.load(ordering: .acquiring) }

    /// The table now in force.
    var current: RoutingTable { table.withLockedValue { $0 } }

    /// Builds the next table from the current one and publishes it; nothing changes when `change` throws.
    func update(_ change: (RoutingTable) throws(ProxyError) -> RoutingTable) throws(ProxyError) {
        let outcome: Result<Void, ProxyError> = table.withLockedValue { table in
            do throws(ProxyError) {
                table = try change(table)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
        generationCounter.wrappingIncrement(ordering: .releasing)
    }
}
