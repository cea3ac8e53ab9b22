import Delivery
import Foundation
import MetricProviders
import Persistence

extension RolloutController {
    /// Measures every `interval`, stores each measurement, and reports the assessment once it has a verdict.
    func runAnalysis(_ id: AnalysisRunID, role: ReplicaRole) async {
        guard let template = spec.analysis[id.template] else {
            let outcome = AnalysisOutcome(
                template: id.template, verdict: .inconclusive, message: "analysis template \"\(id.template)\" is not defined",
                counts: .init(), measurements: [])
            await dispatch(.analysisCompleted(id, outcome))
            return
        }
        if template.initialDelay > .zero { try? await Task.sleep(for: template.initialDelay) }
        var measurements: [MetricMeasurement] = []
        while !Task.isCancelled {
            let measurement = await measure(template, role: role)
            guard !Task.isCancelled else { return }
            measurements.append(measurement)
            let outcome = assess(measurements: measurements, template: template)
            if let judged = outcome.measurements.last { await store(judged, template: template, id: id) }
            recentMeasurements = Array((recentMeasurements + outcome.measurements.suffix(1)).suffix(20))
            if outcome.isComplete {
                analyses[id] = nil
                await dispatch(.analysisCompleted(id, outcome))
                return
            }
            try? await Task.sleep(for: template.interval)
        }
    }

    /// One measurement of `template` for `role`, compared with the baseline (or stable) replicas where it can be.
    func measure(_ template: AnalysisTemplate, role: ReplicaRole) async -> MetricMeasurement {
        let now = Date()
        switch template.provider {
        case .builtin(let metric):
            let window = max(1, Int(template.interval.components.seconds))
            let canary = await traffic.stats(role: role, seconds: window)
            var reference = await traffic.stats(role: .baseline, seconds: window)
            if reference == nil { reference = await traffic.stats(role: .stable, seconds: window) }
            let stable = await traffic.stats(role: .stable, seconds: window)
            let sample = TrafficSample(canary: canary ?? .empty, baseline: reference ?? .empty)
            let raw = "\(role): \(Self.describe(canary)); baseline: \(Self.describe(reference))"
            return MetricMeasurement(
                value: canary.flatMap { Self.value(metric, $0) }, baseline: reference.flatMap { Self.value(metric, $0) },
                stable: stable.flatMap { Self.value(metric, $0) }, traffic: sample, raw: raw,
                query: "builtin \(metric.rawValue){role=\"\(role)\"}[\(window)s]", at: now)
        case .prometheus(let address, let query):
            return convert(await MetricProviderRegistry.measure(
                .prometheus(fill(query), address: address), at: now, configuration: metrics), at: now)
        case .web(let url, let jsonPath, let headers, let timeout):
            return convert(await MetricProviderRegistry.measure(
                .web(fill(url), jsonPath: jsonPath ?? "$", headers: headers, timeout: timeout), at: now, configuration: metrics), at: now)
        case .command(let arguments, let timeout):
            return convert(await MetricProviderRegistry.measure(
                .command(arguments.map(fill), timeout: timeout), at: now, configuration: metrics), at: now)
        }
    }

    func convert(_ result: MetricResult, at: Date) -> MetricMeasurement {
        switch result.phase {
        case .value: return MetricMeasurement(value: result.value, raw: result.raw, query: result.query, at: at)
        case .noData: return MetricMeasurement(value: nil, raw: result.raw, query: result.query, at: at)
        case .error(let message): return MetricMeasurement(value: nil, raw: result.raw, query: result.query, at: at, error: message)
        }
    }

    /// `${VERSION}`, `${STABLE_VERSION}`, `${SERVICE}` in queries.
    func fill(_ text: String) -> String {
        let values = [
            "VERSION": machine?.status.version ?? "", "STABLE_VERSION": machine?.status.stableVersion ?? "",
            "SERVICE": spec.service,
        ]
        return values.reduce(text) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
    }

    func store(_ measurement: MetricMeasurement, template: AnalysisTemplate, id: AnalysisRunID) async {
        guard let deploymentID = deployment?.id else { return }
        try? await store.insertMeasurement(MeasurementRecord(
            deploymentID: deploymentID, at: measurement.at, template: template.name, metric: id.description,
            provider: template.provider.kind, query: measurement.query, raw: measurement.raw, value: measurement.value,
            condition: measurement.condition ?? template.judge.map { "\($0)" } ?? "",
            verdict: measurement.phase.map { "\($0)" } ?? "pending"))
    }

    static func value(_ metric: BuiltinMetric, _ stats: RequestStats) -> Double? {
        switch metric {
        case .errorRate: return stats.requests == 0 ? nil : Double(stats.errors) / Double(stats.requests)
        case .requestRate: return Double(stats.requests)
        case .latencyP50: return quantile(stats.latencies, 0.5)
        case .latencyP95: return quantile(stats.latencies, 0.95)
        case .latencyP99: return quantile(stats.latencies, 0.99)
        }
    }

    static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }

    static func describe(_ stats: RequestStats?) -> String {
        guard let stats else { return "no traffic" }
        return "\(stats.requests) requests, \(stats.errors) errors"
    }
}
