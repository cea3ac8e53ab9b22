import Foundation
import Persistence
import PersistenceSQLite

/// The stores under test, so that one contract test runs against each of them.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case inMemory = "InMemoryStore"
    case sqlite = "SQLiteStore"

    var description: String { rawValue }

    func make(in directory: TemporaryDirectory) throws -> any Store {
        switch self {
        case .inMemory: InMemoryStore()
        case .sqlite: try SQLiteStore(path: directory.file("gantry.db"))
        }
    }
}

/// Records with plausible values; dates have sub-millisecond parts, to show how the store rounds them.
enum RecordFixtures {
    static let start = Date(timeIntervalSince1970: 1_763_000_000.123_456)

    static func run(
        repository: String = "/work/repo",
        pid: Int32 = ProcessInfo.processInfo.processIdentifier,
        startedAt: Date = start
    ) -> RunRecord {
        RunRecord(
            repository: repository,
            event: "push",
            ref: "refs/heads/main",
            sha: "0123456789abcdef0123456789abcdef01234567",
            workflows: ["ci", "release/notes"],
            startedAt: startedAt,
            pid: pid
        )
    }

    static func job(runID: Int64, jobID: String = "build", matrix: String? = nil) -> JobRecord {
        JobRecord(
            runID: runID,
            key: JobRecord.key(workflow: "ci", jobID: jobID, matrix: matrix),
            workflow: "ci",
            jobID: jobID,
            name: matrix.map { "\(jobID) \($0)" } ?? jobID,
            matrix: matrix,
            logPath: "/work/repo/.gantry/runs/\(runID)/\(jobID).log"
        )
    }

    static func step(jobID: Int64, index: Int, conclusion: Conclusion = .success) -> StepRecord {
        StepRecord(
            jobID: jobID,
            index: index,
            name: "step \(index)",
            startedAt: start.addingTimeInterval(Double(index)),
            finishedAt: start.addingTimeInterval(Double(index) + 0.5004),
            outcome: conclusion,
            conclusion: conclusion,
            log: "output of step \(index)\n***\n"
        )
    }
}
