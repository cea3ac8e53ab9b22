/// `requires:` — another environment must be healthy before this one is deployed (staging answers 200).
/// The controller performs the HTTP check and passes an `EnvironmentHealth` per requirement.
public struct EnvironmentRequirement: Sendable, Hashable, Codable {
    /// The environment's name, for messages.
    public var environment: String
    /// The URL to GET.
    public var url: String
    /// The status code it must answer.
    public var status: Int

    /// A requirement that `url` answers `status`.
    public init(environment: String, url: String, status: Int = 200) {
        self.environment = environment
        self.url = url
        self.status = status
    }

    /// Nil when `health` shows the expected status; pending when there is no result yet, denied otherwise.
    public func check(_ health: EnvironmentHealth?) -> PolicyFinding? {
        guard let health else {
            return PolicyFinding(
                check: .environmentHealth, status: .pending,
                message: "waiting for the health check of environment \"\(environment)\" (GET \(url))",
                subject: environment)
        }
        if health.status == status { return nil }
        let answer = health.status.map { "answered \($0)" } ?? "failed: \(health.error ?? "no answer")"
        return PolicyFinding(
            check: .environmentHealth, status: .denied,
            message: "environment \"\(environment)\" is unhealthy: GET \(url) \(answer), expected \(status)",
            subject: environment)
    }
}

/// The result of one environment health check, as the controller observed it.
public struct EnvironmentHealth: Sendable, Hashable, Codable {
    /// The environment checked.
    public var environment: String
    /// The HTTP status, or nil when the request failed.
    public var status: Int?
    /// Why the request failed.
    public var error: String?

    /// A result for `environment`.
    public init(environment: String, status: Int?, error: String? = nil) {
        self.environment = environment
        self.status = status
        self.error = error
    }
}
