import Testing

/// The delivery scenarios beyond the canary (rolling, blue-green, approvals, Prometheus analysis), each against a
/// real `gantry serve`, its proxy, replicas of the example service and `gantry load` on 127.0.0.1.
///
/// They run one after another: each keeps the machine busy with replicas and a load of up to 200 requests per
/// second, and their timing assertions (an undo within 2 s) must not depend on what runs beside them.
@Suite("delivery scenarios, end to end", .serialized)
enum DeliveryScenarios {}
