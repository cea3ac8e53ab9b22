/// How the job is doing when an expression is evaluated, for `success()`, `failure()` and `cancelled()`.
public enum JobStatus: Sendable, Hashable {
    /// Nothing has failed and the run was not cancelled: `success()` is true.
    case success
    /// A previous step or needed job failed: `failure()` is true.
    case failure
    /// The run was cancelled: `cancelled()` is true.
    case cancelled
    /// A needed job was skipped without failing: none of `success()`, `failure()` or `cancelled()` is true.
    case skipped
}

/// Everything an expression can read when it is evaluated.
public struct EvaluationContext: Sendable {
    /// The contexts by lower-case name: `github`, `env`, `vars`, `job`, `jobs`, `steps`, `runner`, `secrets`,
    /// `strategy`, `matrix`, `needs`, `inputs`. A context that is absent reads as `null`.
    public var contexts: [String: Value]
    /// The status the status functions report; `always()` is true whatever it is.
    public var status: JobStatus
    /// Computes `hashFiles(patterns...)`; `nil` where hashing files is not possible, which makes calling
    /// `hashFiles` an evaluation error. Errors it throws become evaluation errors at the call.
    public var hashFiles: (@Sendable ([String]) throws -> String)?

    /// A context with the given contexts, status and `hashFiles` implementation.
    public init(
        contexts: [String: Value] = [:],
        status: JobStatus = .success,
        hashFiles: (@Sendable ([String]) throws -> String)? = nil
    ) {
        self.contexts = contexts
        self.status = status
        self.hashFiles = hashFiles
    }
}
