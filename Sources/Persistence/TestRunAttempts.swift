/// The attempts of one test in one report, grouped as a store writes them: one run of the test.
public struct TestRunAttempts: Sendable, Hashable {
    /// The test's identifier, shared by every attempt.
    public var identifier: String
    /// The attempts, by attempt number.
    public var attempts: [TestCaseRecord]
    /// The run as the store remembers it, before it is compared with earlier runs of the same commit.
    public var summary: TestRunSummary

    /// The attempt whose details name the test: the last one, which is what the run's result was.
    public var latest: TestCaseRecord { attempts[attempts.count - 1] }

    /// The last attempt that failed or errored, if any: the run's failure message.
    public var lastFailure: TestCaseRecord? { attempts.last { $0.outcome.isFailure } }

    /// Groups a report's records by test, in the order tests first appear.
    ///
    /// A test that appears more than once with the same attempt number (a report that lists each retry as its
    /// own `<testcase>`) has its attempts renumbered 1, 2, 3… in the order they appear.
    public static func group(_ cases: [TestCaseRecord]) -> [TestRunAttempts] {
        var indexes: [String: Int] = [:]
        var groups: [[TestCaseRecord]] = []
        for record in cases {
            if let index = indexes[record.identifier] {
                groups[index].append(record)
            } else {
                indexes[record.identifier] = groups.count
                groups.append([record])
            }
        }
        return groups.map { records in
            if records.count == 1 {
                return TestRunAttempts(
                    identifier: records[0].identifier, attempts: records, summary: TestRunSummary(attempts: records))
            }
            var attempts = records
            if Set(records.map(\.attempt)).count < records.count {
                for index in attempts.indices { attempts[index].attempt = index + 1 }
            } else {
                attempts.sort { $0.attempt < $1.attempt }
            }
            return TestRunAttempts(
                identifier: attempts[0].identifier, attempts: attempts, summary: TestRunSummary(attempts: attempts))
        }
    }
}
