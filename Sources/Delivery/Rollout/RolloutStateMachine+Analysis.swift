extension RolloutStateMachine {
    /// A verdict: fail aborts at once; pass lets the stage go on; no data measures again under the no-data cap;
    /// inconclusive pauses for a human. Verdicts of runs the machine no longer waits for are ignored.
    mutating func analysisCompleted(_ id: AnalysisRunID, _ outcome: AnalysisOutcome) -> [RolloutAction] {
        guard let verdict = outcome.verdict, !status.phase.isTerminal else { return [] }
        let isBackground = background.contains(id)
        guard isBackground || awaitingAnalyses.contains(id) else { return [] }
        let what = isBackground ? "background analysis \"\(id.template)\"" : "analysis \"\(id.template)\""
        switch verdict {
        case .fail:
            evidence = outcome
            return abort(.failed, "\(what) failed: \(outcome.message)")
        case .pass:
            if isBackground {
                background.remove(id)
                return []
            }
            awaitingAnalyses.remove(id)
            var actions: [RolloutAction] = []
            if awaitingAnalyses.isEmpty, let timer = noDataTimer {
                noDataTimer = nil
                actions.append(.cancelTimer(timer))
            }
            return actions + advance()
        case .noData:
            let rerun = AnalysisRunID(template: id.template, purpose: id.purpose, sequence: sequence())
            var actions: [RolloutAction] = [.startAnalysis(rerun, role: .canary)]
            if isBackground {
                background.remove(id)
                background.insert(rerun)
                return actions
            }
            awaitingAnalyses.remove(id)
            awaitingAnalyses.insert(rerun)
            if noDataTimer == nil {
                let timer = TimerID(.noData, sequence: sequence())
                noDataTimer = timer
                actions.append(.startTimer(timer, spec.strategy.noDataTimeout))
            }
            return actions
        case .inconclusive:
            evidence = outcome
            if isBackground {
                background.remove(id)
                heldBackground.append(id.template)
                return hold(.inconclusive, "\(what) is inconclusive: \(outcome.message)")
            }
            return hold(.inconclusive, "\(what) is inconclusive: \(outcome.message)")
        }
    }

    /// The no-data cap passed while a stage waited for analysis: pause for a human.
    mutating func noDataCapReached() -> [RolloutAction] {
        guard status.phase == .progressing || status.phase == .paused, !awaitingAnalyses.isEmpty else { return [] }
        let templates = Set(awaitingAnalyses.map(\.template)).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        let cap = DurationFormat.format(spec.strategy.noDataTimeout)
        return hold(.noData, "analysis \(templates) had no data for \(cap)")
    }

    /// Pauses for a human with `why`; a stage's analysis is stopped and runs again on `resume`.
    mutating func hold(_ pauseReason: PauseReason, _ why: String) -> [RolloutAction] {
        var actions: [RolloutAction] = []
        if let timer = noDataTimer {
            noDataTimer = nil
            actions.append(.cancelTimer(timer))
        }
        if !awaitingAnalyses.isEmpty {
            actions += awaitingAnalyses.sorted { $0.sequence < $1.sequence }.map { .stopAnalysis($0) }
            awaitingAnalyses = []
            entered = false
        }
        status.phase = .paused
        status.pauseReason = pauseReason
        status.message = "\(why); `gantry deploy resume` measures again, `gantry deploy promote` skips it"
        reason = why
        return actions
    }

    /// Every analysis run in progress, oldest first.
    var runningAnalyses: [AnalysisRunID] {
        (awaitingAnalyses.union(background)).sorted { $0.sequence < $1.sequence }
    }
}
