/// Judges every measurement of an analysis run against its template and decides the run's verdict, as Argo
/// Rollouts' `assessMetricStatus` does:
///
/// 1. more failed measurements than `failureLimit` → `fail`, `failed (3) > failureLimit (2)`;
/// 2. more consecutive provider errors than `consecutiveErrorLimit` → `inconclusive` (a blind analysis pauses
///    for a human; unlike Argo it never aborts, because a metrics outage says nothing about the canary);
/// 3. more inconclusive measurements than `inconclusiveLimit` → `inconclusive`;
/// 4. `count` measurements taken: fewer than `minSamples` with data → `noData`, otherwise `pass`;
/// 5. otherwise nil: keep measuring.
///
/// No-data measurements count toward `count` but never toward a failure. Measurements that already have a phase
/// (from an earlier call) keep it, so the controller passes the previous outcome's measurements plus the new one
/// and each call judges only what is new.
public func assess(measurements: [MetricMeasurement], template: AnalysisTemplate) -> AnalysisOutcome {
    var counts = AnalysisOutcome.Counts()
    var judged: [MetricMeasurement] = []
    var windows: [TrafficSample] = []
    for var measurement in measurements {
        if measurement.phase != nil {
            if let window = measurement.traffic, measurement.error == nil { windows.append(window) }
        } else if let judge = template.judge {
            if measurement.error == nil, let window = measurement.traffic {
                windows.append(window)
                classify(&measurement, judge: judge, windows: windows)
            } else {
                classify(&measurement, judge: judge, windows: nil)
            }
        } else {
            classify(&measurement, template: template)
        }
        switch measurement.phase ?? .noData {
        case .successful: counts.successful += 1
        case .failed: counts.failed += 1
        case .inconclusive: counts.inconclusive += 1
        case .error: counts.error += 1
        case .noData: counts.noData += 1
        }
        counts.consecutiveErrors = measurement.phase == .error ? counts.consecutiveErrors + 1 : 0
        judged.append(measurement)
    }
    func outcome(_ verdict: Verdict?, _ message: String) -> AnalysisOutcome {
        AnalysisOutcome(
            template: template.name, verdict: verdict, message: message, counts: counts, measurements: judged)
    }
    if counts.failed > template.failureLimit {
        return outcome(.fail, "failed (\(counts.failed)) > failureLimit (\(template.failureLimit))")
    }
    if counts.consecutiveErrors > template.consecutiveErrorLimit {
        return outcome(
            .inconclusive,
            "consecutiveErrors (\(counts.consecutiveErrors)) > consecutiveErrorLimit "
                + "(\(template.consecutiveErrorLimit))"
        )
    }
    if counts.inconclusive > template.inconclusiveLimit {
        return outcome(
            .inconclusive, "inconclusive (\(counts.inconclusive)) > inconclusiveLimit (\(template.inconclusiveLimit))")
    }
    guard let count = template.count, measurements.count >= count else {
        let of = template.count.map { " of \($0)" } ?? ""
        return outcome(
            nil,
            "running: \(measurements.count)\(of) measurements, failed (\(counts.failed)) ≤ failureLimit "
                + "(\(template.failureLimit))"
        )
    }
    if counts.withData < template.minSamples {
        return outcome(.noData, "measurements with data (\(counts.withData)) < minSamples (\(template.minSamples))")
    }
    return outcome(
        .pass,
        "successful (\(counts.successful)) of \(measurements.count), failed (\(counts.failed)) ≤ failureLimit "
            + "(\(template.failureLimit))"
    )
}

/// Sets the phase of one measurement from the template's conditions.
private func classify(_ measurement: inout MetricMeasurement, template: AnalysisTemplate) {
    let conditions = [template.failureCondition, template.successCondition].compactMap { $0?.source }
    measurement.condition = conditions.isEmpty ? nil : conditions.joined(separator: " / ")
    if let error = measurement.error {
        measurement.phase = .error
        measurement.message = error
        return
    }
    guard let value = measurement.value else {
        measurement.phase = .noData
        measurement.message = "no value"
        return
    }
    let bound = "result = \(ErrorRateJudge.short(value))"
    func check(_ condition: AnalysisCondition) -> Bool? {
        switch condition.evaluate(result: value, baseline: measurement.baseline, stable: measurement.stable) {
        case .value(let holds): return holds
        case .missing(let name):
            measurement.phase = .noData
            measurement.message = "\(condition.source) reads \"\(name)\", which has no value"
            return nil
        }
    }
    if let failure = template.failureCondition {
        guard let holds = check(failure) else { return }
        if holds {
            measurement.phase = .failed
            measurement.message = "failureCondition \(failure.source) is true (\(bound))"
            return
        }
    }
    if let success = template.successCondition {
        guard let holds = check(success) else { return }
        if holds {
            measurement.phase = .successful
            measurement.message = "successCondition \(success.source) is true (\(bound))"
        } else if template.failureCondition != nil {
            measurement.phase = .inconclusive
            measurement.message = "neither condition is true (\(bound))"
        } else {
            measurement.phase = .failed
            measurement.message = "successCondition \(success.source) is false (\(bound))"
        }
        return
    }
    measurement.phase = .successful
    measurement.message = template.failureCondition.map { "failureCondition \($0.source) is false (\(bound))" } ?? bound
}

/// Sets the phase of one measurement from a judge's decision on the windows up to and including its own.
private func classify(_ measurement: inout MetricMeasurement, judge: AnalysisJudge, windows: [TrafficSample]?) {
    measurement.condition = judge.description
    if let error = measurement.error {
        measurement.phase = .error
        measurement.message = error
        return
    }
    guard let windows else {
        measurement.phase = .noData
        measurement.message = "no traffic sample"
        return
    }
    let result = judge.judge(windows)
    measurement.message = result.message
    switch result.decision {
    case .fail: measurement.phase = .failed
    case .pass, .undecided: measurement.phase = .successful
    case .insufficientData: measurement.phase = .noData
    }
}
