extension BlueGreenStrategy {
    /// The blue-green stages: the full preview, pre-promotion analysis, an optional wait for `promote`, the
    /// atomic switch, post-promotion analysis with the old version warm, completion.
    func plan(version: String, replicas: Int) -> [PlannedStage] {
        var stages = [
            PlannedStage(
                .replicas([ReplicaRequest(role: .canary, version: version, count: replicas, isNew: true)]),
                "starting \(replicas) preview replica\(replicas == 1 ? "" : "s") of \(version)")
        ]
        if !prePromotionAnalysis.isEmpty {
            stages.append(
                PlannedStage(.analysis(prePromotionAnalysis, .prePromotion), "pre-promotion analysis", skippable: true))
        }
        if !autoPromote {
            stages.append(PlannedStage(.pause(nil), "preview ready; waiting for promote", skippable: true))
        }
        stages.append(PlannedStage(.weights([.stable: 0, .canary: 1000]), "switched all traffic to \(version)"))
        if !postPromotionAnalysis.isEmpty {
            stages.append(
                PlannedStage(
                    .analysis(postPromotionAnalysis, .postPromotion), "post-promotion analysis", skippable: true))
        }
        stages.append(PlannedStage(.complete(undo: false), "promoted"))
        return stages
    }
}
