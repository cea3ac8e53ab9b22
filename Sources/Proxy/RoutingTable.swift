/// One consistent view of where requests go: groups, weights, ready replicas, routes and the sticky cookie.
///
/// Immutable. Every change builds a new table and publishes it through ``RoutingState``; a request reads one
/// table when its head arrives and keeps the replica it chose there, so a change never moves a request in flight.
final class RoutingTable: Sendable {
    /// What a request was routed to.
    struct Decision {
        /// The group index.
        var group: Int
        /// Whether the response should carry a sticky cookie naming this group.
        var assignSticky: Bool
    }

    private struct CompiledRoute: Sendable {
        var isCookie: Bool
        var name: String
        var value: String
        var group: Int
    }

    let groups: [String]
    let plan: WeightPlan
    let replicas: [[Endpoint]]
    let stickyCookie: String?
    private let routes: [CompiledRoute]

    private init(groups: [String], plan: WeightPlan, replicas: [[Endpoint]], routes: [CompiledRoute], sticky: String?) {
        self.groups = groups
        self.plan = plan
        self.replicas = replicas
        self.routes = routes
        self.stickyCookie = sticky
    }

    /// Builds the first table from a configuration, checking names, weights and routes.
    convenience init(configuration: ProxyConfiguration) throws(ProxyError) {
        let names = configuration.backends.map(\.name)
        for name in names {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw ProxyError(
                    .invalidBackends,
                    "backend group name \"\(name)\" is empty or has characters "
                        + "other than letters, digits, '-', '_' and '.'")
            }
            guard names.filter({ $0 == name }).count == 1 else {
                throw ProxyError(.invalidBackends, "backend group \"\(name)\" is configured twice")
            }
        }
        let permille = try WeightPlan.resolve(configuration.weights, groups: names)
        var compiled: [CompiledRoute] = []
        for route in configuration.routes {
            guard let group = names.firstIndex(of: route.group) else {
                throw ProxyError(.invalidBackends, "route to \"\(route.group)\", which is not a backend group")
            }
            switch route.match {
            case .header(let name, let value):
                compiled.append(.init(isCookie: false, name: name, value: value, group: group))
            case .cookie(let name, let value):
                compiled.append(.init(isCookie: true, name: name, value: value, group: group))
            }
        }
        self.init(
            groups: names,
            plan: WeightPlan(permille: permille),
            replicas: configuration.backends.map(\.addresses),
            routes: compiled,
            sticky: configuration.stickyCookie
        )
    }

    /// The same table with new weights (and a new slot counter, so the first window starts now).
    func with(weights: [String: Int]) throws(ProxyError) -> RoutingTable {
        let permille = try WeightPlan.resolve(weights, groups: groups)
        return RoutingTable(
            groups: groups, plan: WeightPlan(permille: permille), replicas: replicas, routes: routes,
            sticky: stickyCookie
        )
    }

    /// The same table with a group's replicas replaced; the weighted cycle goes on where it was.
    func with(replicas addresses: [Endpoint], for group: String) throws(ProxyError) -> RoutingTable {
        guard let index = groups.firstIndex(of: group) else {
            throw ProxyError(
                .invalidBackends, "\"\(group)\" is not a backend group (groups: \(groups.joined(separator: ", ")))")
        }
        var replicas = self.replicas
        replicas[index] = addresses
        return RoutingTable(groups: groups, plan: plan, replicas: replicas, routes: routes, sticky: stickyCookie)
    }

    /// Routes one request: the first matching route whose group has a ready replica, else the sticky cookie's
    /// group while its weight is above 0, else the next weighted slot. A weighted choice whose group has no ready
    /// replica falls back to the heaviest group that has one. The result's group may still have no replica when
    /// no group has any; the caller answers 503 then.
    func decide(_ head: MessageHead) -> Decision {
        for route in routes where !replicas[route.group].isEmpty {
            let found = route.isCookie ? head.cookie(named: route.name) : head.value(of: route.name)
            if found == route.value { return Decision(group: route.group, assignSticky: false) }
        }
        var current: Int?
        if let stickyCookie, let value = head.cookie(named: stickyCookie),
            let group = groups.firstIndex(of: value)
        {
            if plan.permille[group] > 0 && !replicas[group].isEmpty {
                return Decision(group: group, assignSticky: false)
            }
            current = group
        }
        var group = plan.next()
        if replicas[group].isEmpty {
            let candidates = groups.indices.filter { !replicas[$0].isEmpty }
            if let heaviest = candidates.max(by: { plan.permille[$0] < plan.permille[$1] }) { group = heaviest }
        }
        return Decision(group: group, assignSticky: stickyCookie != nil && current != group)
    }
}
