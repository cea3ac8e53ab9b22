import Foundation
import Persistence

/// The automatic mode of the quarantine (`tests.auto-quarantine.flaky-runs: K` in the policy): quarantines every
/// test that was flaky in at least `policyK` of its latest `window` runs, and returns the entries it added.
///
/// A run is flaky when the test passed and failed on the run's commit: a retry passed after a failure, or an
/// earlier run of the same commit ended the other way (``TestRunSummary/flippedOnCommit``). Tests already in
/// quarantine, by hand or automatically, are left as they are; nothing is ever lifted automatically.
///
/// - Parameters:
///   - policyK: how many flaky runs quarantine a test; 0 or less turns the automatic mode off.
///   - store: the test history to read and the quarantine to add to.
///   - window: how many of each test's latest runs (skipped ones not counted) are looked at.
///   - now: the time the entries are added at.
@discardableResult
public func autoQuarantine(
    policyK: Int, store: any TestHistoryStore, window: Int = FlakyCriteria().window, now: Date = Date()
) async throws -> [QuarantineRecord] {
    guard policyK > 0 else { return [] }
    let quarantined = try await store.quarantinedIdentifiers()
    var added: [QuarantineRecord] = []
    for history in try await store.testHistories(.unstable) where !quarantined.contains(history.identifier) {
        let runs = history.runs.filter { $0.firstAttempt != .skipped }.suffix(window)
        let flaky = runs.filter(\.flippedOnCommit).count
        guard flaky >= policyK else { continue }
        let entry = QuarantineRecord(
            identifier: history.identifier,
            reason: "flaky in \(flaky) of its last \(runs.count) runs (tests.auto-quarantine.flaky-runs: \(policyK))",
            addedBy: "gantry", addedAt: now, automatic: true)
        try await store.quarantine(entry)
        added.append(entry)
    }
    return added
}
