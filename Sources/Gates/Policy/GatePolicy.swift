import Diagnostics

/// A policy file (`.gantry/gates.yml`): the thresholds a change must meet, and where the evidence for them is.
///
/// Parse it with ``parse(_:file:)``, check evidence against it with ``evaluate(_:quarantined:)``.
public struct GatePolicy: Sendable, Hashable {
    /// The policy file as the user named it.
    public var file: String
    public var tests: TestsPolicy?
    public var coverage: CoveragePolicy?
    public var sarif: SarifPolicy?
    public var metrics: [MetricPolicy]

    public init(
        file: String, tests: TestsPolicy? = nil, coverage: CoveragePolicy? = nil, sarif: SarifPolicy? = nil,
        metrics: [MetricPolicy] = []
    ) {
        self.file = file
        self.tests = tests
        self.coverage = coverage
        self.sarif = sarif
        self.metrics = metrics
    }
}

/// A threshold with the place in the policy file where it was written (or the section it defaults in).
public struct Threshold<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// `tests:`: JUnit reports, with limits on how many tests must run and how many may fail.
public struct TestsPolicy: Sendable, Hashable {
    /// Glob patterns of JUnit XML files, relative to the repository root.
    public var reports: [String]
    /// `min-tests` (default 1): tests that ran, so "zero tests ran" fails.
    public var minTests: Threshold<Int>
    /// `max-failed` (default 0), not counting quarantined tests.
    public var maxFailed: Threshold<Int>
    /// `max-errored` (default 0), not counting quarantined tests.
    public var maxErrored: Threshold<Int>
    /// Test identifiers (`classname::name`) whose failures are forgiven.
    public var quarantine: [String]
    /// The `tests:` key.
    public var location: SourceLocation

    public init(
        reports: [String] = [], minTests: Int = 1, maxFailed: Int = 0, maxErrored: Int = 0, quarantine: [String] = [],
        at location: SourceLocation
    ) {
        self.reports = reports
        self.minTests = Threshold(minTests, at: location)
        self.maxFailed = Threshold(maxFailed, at: location)
        self.maxErrored = Threshold(maxErrored, at: location)
        self.quarantine = quarantine
        self.location = location
    }
}

/// `coverage:`: minimum line, branch and function coverage (percentages), overall and for changed files.
public struct CoveragePolicy: Sendable, Hashable {
    /// Glob patterns of lcov or Cobertura files (told apart by their content).
    public var reports: [String]
    /// `min-lines`, `min-branches`, `min-functions`, in percent.
    public var minimums: [CoverageKind: Threshold<Double>]
    public var changedFiles: ChangedFilesPolicy?
    /// The `coverage:` key.
    public var location: SourceLocation

    public init(
        reports: [String] = [], minimums: [CoverageKind: Threshold<Double>] = [:],
        changedFiles: ChangedFilesPolicy? = nil,
        at location: SourceLocation
    ) {
        self.reports = reports
        self.minimums = minimums
        self.changedFiles = changedFiles
        self.location = location
    }
}

/// `coverage.changed-files:`: minimums over the files `git diff --name-only <base>...HEAD` lists.
public struct ChangedFilesPolicy: Sendable, Hashable {
    /// The ref the change is compared with (default `origin/main`).
    public var base: String
    public var minimums: [CoverageKind: Threshold<Double>]
    public var location: SourceLocation

    public init(base: String = "origin/main", minimums: [CoverageKind: Threshold<Double>], at location: SourceLocation)
    {
        self.base = base
        self.minimums = minimums
        self.location = location
    }
}

/// `sarif:`: the most findings allowed at each level.
public struct SarifPolicy: Sendable, Hashable {
    /// Glob patterns of SARIF files.
    public var files: [String]
    /// `max:` per level; levels not named are not limited. Default `{ error: 0 }`.
    public var maximums: [SarifLevel: Threshold<Int>]
    /// The `sarif:` key.
    public var location: SourceLocation

    public init(files: [String] = [], maximums: [SarifLevel: Threshold<Int>]? = nil, at location: SourceLocation) {
        self.files = files
        self.maximums = maximums ?? [.error: Threshold(0, at: location)]
        self.location = location
    }
}

/// One item of `metrics:`: a number read from a JSON file, with a minimum, a maximum or both.
public struct MetricPolicy: Sendable, Hashable {
    /// `name`, or the JSON path when there is none; the rule's id is `metrics.<name>`.
    public var name: String
    /// The JSON file, relative to the repository root (a glob that must match exactly one file).
    public var file: String
    public var path: JSONPath
    public var min: Threshold<Double>?
    public var max: Threshold<Double>?
    /// The item in the `metrics:` list.
    public var location: SourceLocation

    public init(
        name: String? = nil, file: String, path: JSONPath, min: Threshold<Double>? = nil, max: Threshold<Double>? = nil,
        at location: SourceLocation
    ) {
        self.name = name ?? path.description
        self.file = file
        self.path = path
        self.min = min
        self.max = max
        self.location = location
    }
}
