import Atomics
import NIOCore

/// What one I/O thread owns: its copy of the routing table, its connection pools and round-robin cursors, its
/// metrics shard, and the client connections it serves (for timeouts).
///
/// Confined to its event loop: every method but `init` must be called on `eventLoop`.
final class LoopContext: @unchecked Sendable {
    struct Settings: Sendable {
        var connectTimeout: TimeAmount
        var responseTimeout: TimeAmount
        var maxIdlePerReplica: Int
    }

    let eventLoop: any EventLoop
    let shard: Int
    let settings: Settings
    let metrics: MetricsRecorder
    private let routing: RoutingState
    private let shuttingDown: ManagedAtomic<Bool>

    private var generation = -1
    private var cachedTable: RoutingTable?
    private var pools: [Endpoint: UpstreamPool] = [:]
    private var groupPools: [[UpstreamPool]] = []
    private var cursors: [Int] = []
    private var handlers: [ObjectIdentifier: ProxyHandler] = [:]

    init(
        eventLoop: any EventLoop, shard: Int, settings: Settings, metrics: MetricsRecorder, routing: RoutingState,
        shuttingDown: ManagedAtomic<Bool>
    ) {
        self.eventLoop = eventLoop
        self.shard = shard
        self.settings = settings
        self.metrics = metrics
        self.routing = routing
        self.shuttingDown = shuttingDown
    }

    var isShuttingDown: Bool { shuttingDown.load(ordering: .relaxed) }

    /// The routing table in force, refreshed (with the pools) when another thread published a new one.
    func table() -> RoutingTable {
        let current = routing.generation
        if current != generation || cachedTable == nil {
            generation = current
            let table = routing.current
            cachedTable = table
            rebuildPools(for: table)
        }
        return cachedTable!
    }

    /// The next ready replica's pool in `group`, round-robin; `nil` when the group has no ready replica.
    func nextPool(group: Int) -> UpstreamPool? {
        let candidates = groupPools[group]
        guard !candidates.isEmpty else { return nil }
        let cursor = cursors[group]
        cursors[group] = cursor &+ 1
        return candidates[Int(UInt(bitPattern: cursor) % UInt(candidates.count))]
    }

    private func rebuildPools(for table: RoutingTable) {
        var kept: [Endpoint: UpstreamPool] = [:]
        groupPools = table.replicas.map { endpoints in
            endpoints.map { endpoint in
                if let pool = kept[endpoint] ?? pools[endpoint] {
                    kept[endpoint] = pool
                    return pool
                }
                let pool = UpstreamPool(endpoint: endpoint, eventLoop: eventLoop, settings: settings)
                kept[endpoint] = pool
                return pool
            }
        }
        for (endpoint, pool) in pools where kept[endpoint] == nil { pool.retire() }
        pools = kept
        if cursors.count != groupPools.count { cursors = Array(repeating: 0, count: groupPools.count) }
    }

    func register(_ handler: ProxyHandler) { handlers[ObjectIdentifier(handler)] = handler }
    func unregister(_ handler: ProxyHandler) { handlers[ObjectIdentifier(handler)] = nil }

    /// Called once a second: fails requests whose replica has not started answering within the timeout.
    func sweep() {
        let now = NIODeadline.now()
        for handler in handlers.values { handler.checkTimeout(now: now) }
    }

    /// Closes every idle upstream connection (at shutdown).
    func closeIdleConnections() {
        for pool in pools.values { pool.retire() }
        pools = [:]
        groupPools = groupPools.map { _ in [] }
        cachedTable = nil
    }
}
