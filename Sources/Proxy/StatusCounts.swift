/// The outcome class of one proxied request: the replica's status class, or a failure to get a response.
public enum StatusClass: String, CaseIterable, Sendable, Hashable {
    /// 1xx from the replica.
    case informational = "1xx"
    /// 2xx from the replica.
    case success = "2xx"
    /// 3xx from the replica.
    case redirection = "3xx"
    /// 4xx from the replica.
    case clientError = "4xx"
    /// 5xx from the replica (a 502 or 504 the proxy makes up itself is not counted here).
    case serverError = "5xx"
    /// The replica could not be reached, reset the connection or broke its response; the client got 502 (or a
    /// cut-off response), or 503 when the version had no ready replica.
    case connectionError = "connection_error"
    /// The replica did not answer within the configured timeouts; the client got 504 (or a cut-off response).
    case timeout = "timeout"

    /// The class of an HTTP status code from a replica.
    public init(status: Int) {
        switch status {
        case ..<200: self = .informational
        case 200..<300: self = .success
        case 300..<400: self = .redirection
        case 400..<500: self = .clientError
        default: self = .serverError
        }
    }
}

/// Request counts by ``StatusClass``.
public struct StatusCounts: Sendable, Hashable {
    /// Responses with a 1xx status.
    public var informational = 0
    /// Responses with a 2xx status.
    public var success = 0
    /// Responses with a 3xx status.
    public var redirection = 0
    /// Responses with a 4xx status.
    public var clientError = 0
    /// Responses with a 5xx status from the replica.
    public var serverError = 0
    /// Requests that failed to reach a replica or to get a whole response from it.
    public var connectionError = 0
    /// Requests that timed out.
    public var timeout = 0

    /// Creates zero counts.
    public init() {}

    /// All requests, whatever their class.
    public var requests: Int {
        informational + success + redirection + clientError + serverError + connectionError + timeout
    }

    /// Requests that failed: 5xx, connection errors and timeouts.
    public var failures: Int { serverError + connectionError + timeout }

    /// The count of one class.
    public subscript(_ statusClass: StatusClass) -> Int {
        get {
            switch statusClass {
            case .informational: informational
            case .success: success
            case .redirection: redirection
            case .clientError: clientError
            case .serverError: serverError
            case .connectionError: connectionError
            case .timeout: timeout
            }
        }
        set {
            switch statusClass {
            case .informational: informational = newValue
            case .success: success = newValue
            case .redirection: redirection = newValue
            case .clientError: clientError = newValue
            case .serverError: serverError = newValue
            case .connectionError: connectionError = newValue
            case .timeout: timeout = newValue
            }
        }
    }

    /// Adds another set of counts, class by class.
    public static func + (lhs: StatusCounts, rhs: StatusCounts) -> StatusCounts {
        var sum = lhs
        for statusClass in StatusClass.allCases { sum[statusClass] += rhs[statusClass] }
        return sum
    }
}
