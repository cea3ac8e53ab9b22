extension RollingStrategy {
    /// The rolling stages: per batch, new replicas up (before or after old ones go down, by `maxSurge`), traffic in
    /// proportion to the counts, then the batch's analysis gate. The last old replicas stay until completion so an
    /// abort always has somewhere to send traffic.
    func plan(version: String, replicas: Int) -> (stages: [PlannedStage], stepCount: Int) {
        let size = batchSize(replicas: replicas)
        let newFirst = startsNewFirst(replicas: replicas)
        let batches = (replicas + size - 1) / size
        var stages: [PlannedStage] = []
        var done = 0
        for batch in 0..<batches {
            let next = min(replicas, done + size)
            let last = next == replicas
            let label = "batch \(batch + 1)/\(batches): \(next) of \(replicas) replicas on \(version)"
            let grow = PlannedStage(
                .replicas([ReplicaRequest(role: .canary, version: version, count: next, isNew: done == 0)]),
                step: batch, label, skippable: done > 0 && !last)
            let shrink = PlannedStage(.shrink(.stable, count: replicas - next), step: batch, label, skippable: true)
            let share = next * 1000 / replicas
            let route = PlannedStage(
                .weights([.stable: 1000 - share, .canary: share]), step: batch, label, skippable: !last)
            if newFirst {
                stages += [grow, route] + (last ? [] : [shrink])
            } else {
                stages += (last ? [] : [shrink]) + [grow, route]
            }
            if !analysis.isEmpty {
                stages.append(
                    PlannedStage(.analysis(analysis, .batch), step: batch, "\(label): analysis", skippable: true))
            }
            done = next
        }
        stages.append(PlannedStage(.complete(undo: false), "promoted"))
        return (stages, batches)
    }
}
