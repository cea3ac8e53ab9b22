import AsyncHTTPClient
import Foundation
import NIOCore

/// What to send: a URL at a fixed rate for a bounded time, loopback only unless told otherwise.
public struct LoadPlan: Sendable {
    public var url: String
    public var requestsPerSecond: Int
    public var duration: Duration
    /// Requests allowed in flight at once; beyond it a request is counted as dropped rather than queued.
    public var concurrency: Int
    public var timeout: Duration

    public init(url: String, requestsPerSecond: Int, duration: Duration, concurrency: Int = 256, timeout: Duration = .seconds(5)) {
        self.url = url
        self.requestsPerSecond = requestsPerSecond
        self.duration = duration
        self.concurrency = concurrency
        self.timeout = timeout
    }
}

/// Sends a fixed-rate (open-model) HTTP load and summarizes what came back.
///
/// Requests start on a fixed schedule whether or not earlier ones have finished, so a slow server shows up as
/// latency and errors instead of quietly lowering the rate.
public enum LoadGenerator {
    /// Runs `plan`; `onSecond` gets each second's figures as they complete (for live output).
    public static func run(
        _ plan: LoadPlan, onSecond: (@Sendable (LoadSummary) -> Void)? = nil
    ) async throws -> LoadSummary {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: plan.concurrency)
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(Int64(plan.timeout.components.seconds)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let recorder = LoadRecorder()
        let interval = Duration.nanoseconds(1_000_000_000 / Int64(max(1, plan.requestsPerSecond)))
        let total = Int(Double(plan.requestsPerSecond) * (Double(plan.duration.components.seconds)
            + Double(plan.duration.components.attoseconds) / 1e18))
        let clock = ContinuousClock()
        let start = clock.now
        await withTaskGroup(of: Void.self) { group in
            var reporter: Task<Void, Never>?
            if let onSecond {
                reporter = Task {
                    var second = 1
                    while !Task.isCancelled {
                        try? await clock.sleep(until: start + .seconds(second))
                        onSecond(recorder.summary(second: second - 1))
                        second += 1
                    }
                }
            }
            for index in 0..<total {
                if Task.isCancelled { break }
                try? await clock.sleep(until: start + interval * index)
                let second = index * 1 / max(1, plan.requestsPerSecond)
                guard recorder.begin(limit: plan.concurrency) else {
                    recorder.record(second: second, status: nil, latency: .zero, dropped: true)
                    continue
                }
                group.addTask {
                    let sent = clock.now
                    var status: Int?
                    do {
                        let response = try await client.execute(HTTPClientRequest(url: plan.url), timeout: .init(plan.timeout))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        status = Int(response.status.code)
                    } catch {
                        status = nil
                    }
                    recorder.record(second: second, status: status, latency: clock.now - sent, dropped: false)
                    recorder.end()
                }
            }
            await group.waitForAll()
            reporter?.cancel()
        }
        try await client.shutdown()
        var summary = recorder.summary(second: nil)
        summary.elapsed = clock.now - start
        return summary
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
