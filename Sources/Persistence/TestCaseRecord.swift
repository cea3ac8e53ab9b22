/// One attempt of one test case in an ingested JUnit report, as the store keeps it.
///
/// A test retried within a run has one record per attempt (1 for the first run, 2 for the first retry, …),
/// all in the same ingestion.
public struct TestCaseRecord: Sendable, Hashable, Codable {
    /// How one attempt of a test ended. The raw values are what the store writes, so they never change.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case passed, failed, errored, skipped

        /// Whether the attempt failed: `failed` or `errored`.
        public var isFailure: Bool { self == .failed || self == .errored }
    }

    /// The store's identifier; `0` until the record is inserted.
    public var id: Int64
    /// The ``IngestionRecord/id`` of the report it came from; `0` until the record is inserted.
    public var ingestionID: Int64
    /// The `<testsuite name>` it was in.
    public var suite: String
    /// The `classname` attribute, or empty.
    public var className: String
    /// The `name` attribute.
    public var name: String
    /// The stable identity of the test across runs: `classname::name`, or `suite::name` without a class.
    public var identifier: String
    /// The test's source file, when the report names one.
    public var file: String?
    /// How the attempt ended.
    public var outcome: Outcome
    /// Seconds.
    public var duration: Double
    /// 1 for the first run of the test in its report, 2 for the first retry, …
    public var attempt: Int
    /// The first line of the failure or error message, when the attempt did not pass.
    public var message: String?

    /// Creates a record; the store assigns `id` and `ingestionID` when it is inserted.
    public init(
        id: Int64 = 0,
        ingestionID: Int64 = 0,
        suite: String,
        className: String,
        name: String,
        identifier: String,
        file: String? = nil,
        outcome: Outcome,
        duration: Double = 0,
        attempt: Int = 1,
        message: String? = nil
    ) {
        self.id = id
        self.ingestionID = ingestionID
        self.suite = suite
        self.className = className
        self.name = name
        self.identifier = identifier
        self.file = file
        self.outcome = outcome
        self.duration = duration
        self.attempt = attempt
        self.message = message
    }
}
