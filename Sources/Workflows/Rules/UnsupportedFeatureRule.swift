import Diagnostics

/// Warns, before the run, about jobs that will fail on the host: containers and services need an engine.
public struct UnsupportedFeatureRule: Rule {
    public static let id = "host-runner"

    public init() {}

    public func check(_ workflow: Workflow) -> [Diagnostic] {
        workflow.jobs.flatMap { job -> [Diagnostic] in
            var found: [Diagnostic] = []
            for (key, value) in [("container", job.container), ("services", job.services)] {
                guard let value else { continue }
                found.append(Diagnostic(
                    .warning, at: value.location,
                    "job \"\(job.id)\" uses \"\(key)\", which needs a container engine; Gantry runs jobs on the host, so this job will fail",
                    rule: Self.id))
            }
            return found
        }
    }
}
