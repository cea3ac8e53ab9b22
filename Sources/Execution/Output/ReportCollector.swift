import Foundation

/// Gathers job reports from concurrently running jobs, in the order they finish.
public final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [RunReport.JobReport] = []

    public func add(_ job: RunReport.JobReport) {
        lock.withLock { jobs.append(job) }
    }

    public var all: [RunReport.JobReport] { lock.withLock { jobs } }
}
