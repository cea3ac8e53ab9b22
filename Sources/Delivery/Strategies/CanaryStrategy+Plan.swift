extension CanaryStrategy {
    /// The canary's stages: canary and baseline replicas sized for the first weight, each step in order
    /// (background analysis from its starting step), then promotion to all replicas and all traffic.
    func plan(version: String, stableVersion: String, replicas: Int) -> [PlannedStage] {
        let firstWeight =
            steps.lazy.compactMap { step -> Weight? in
                if case .setWeight(let weight) = step { return weight }
                return nil
            }.first ?? .zero
        var count = Self.replicas(for: firstWeight, of: replicas)
        var start = [ReplicaRequest(role: .canary, version: version, count: count, isNew: true)]
        if baseline {
            start.append(ReplicaRequest(role: .baseline, version: stableVersion, count: count, isNew: true))
        }
        let what = baseline ? "canary and baseline" : "canary"
        var stages = [
            PlannedStage(.replicas(start), step: 0, "starting \(count) \(what) replica\(count == 1 ? "" : "s")")
        ]
        for (index, step) in steps.enumerated() {
            let label = "step \(index + 1)/\(steps.count): \(step)"
            if let background = backgroundAnalysis, background.startingStep == index {
                stages.append(PlannedStage(.background(background.templates), step: index, label, skippable: true))
            }
            switch step {
            case .setWeight(let weight):
                let needed = Self.replicas(for: weight, of: replicas)
                if needed > count {
                    count = needed
                    var grow = [ReplicaRequest(role: .canary, version: version, count: count, isNew: false)]
                    if baseline {
                        grow.append(ReplicaRequest(role: .baseline, version: stableVersion, count: count, isNew: false))
                    }
                    stages.append(
                        PlannedStage(.replicas(grow), step: index, "\(label): scaling to \(count)", skippable: true))
                }
                stages.append(PlannedStage(.weights(weights(for: weight)), step: index, label, skippable: true))
            case .pause(let duration):
                stages.append(PlannedStage(.pause(duration), step: index, label, skippable: true))
            case .analysis(let templates):
                stages.append(PlannedStage(.analysis(templates, .step), step: index, label, skippable: true))
            }
        }
        if count < replicas {
            let grow = ReplicaRequest(role: .canary, version: version, count: replicas, isNew: false)
            stages.append(PlannedStage(.replicas([grow]), "promoting: scaling \(version) to \(replicas)"))
        }
        var full: [ReplicaRole: Int] = [.stable: 0, .canary: 1000]
        if baseline { full[.baseline] = 0 }
        stages.append(PlannedStage(.weights(full), "promoting: all traffic to \(version)"))
        stages.append(PlannedStage(.complete(undo: false), "promoted"))
        return stages
    }

    /// Traffic for a canary at `weight`: the baseline gets as much (or what is left above 50%), stable the rest.
    func weights(for weight: Weight) -> [ReplicaRole: Int] {
        let canary = weight.permille
        guard baseline else { return [.stable: 1000 - canary, .canary: canary] }
        let baselineShare = min(canary, 1000 - canary)
        return [.stable: 1000 - canary - baselineShare, .canary: canary, .baseline: baselineShare]
    }

    /// Replicas for a share of the traffic: proportional, rounded up, at least one.
    static func replicas(for weight: Weight, of total: Int) -> Int {
        max(1, min(total, (total * weight.permille + 999) / 1000))
    }
}
