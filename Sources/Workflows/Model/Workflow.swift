import Diagnostics

/// A parsed workflow file: the events it runs on, its environment, defaults and jobs, in file order.
public struct Workflow: Sendable {
    /// The path as the user gave it or as discovered, relative to the repository root when possible.
    public var path: String
    /// `name:`, when the file sets one.
    public var name: String?
    public var triggers: [Trigger]
    public var env: [YAMLEntry]
    public var defaults: RunDefaults
    public var jobs: [Job]
    /// The whole document, for rules that walk it.
    public var document: YAMLValue

    public init(
        path: String, name: String?, triggers: [Trigger], env: [YAMLEntry], defaults: RunDefaults, jobs: [Job],
        document: YAMLValue
    ) {
        self.path = path
        self.name = name
        self.triggers = triggers
        self.env = env
        self.defaults = defaults
        self.jobs = jobs
        self.document = document
    }

    /// The file name without directories (`ci.yml`).
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// What reports and logs call this workflow: its `name:`, or its file name.
    public var displayName: String { name ?? fileName }

    /// The job with this id, if any.
    public func job(_ id: String) -> Job? { jobs.first { $0.id == id } }

    /// The trigger for `event`, if the workflow listens to it.
    public func trigger(for event: String) -> Trigger? { triggers.first { $0.event == event } }
}

/// `defaults.run`: the shell and working directory for `run` steps.
public struct RunDefaults: Sendable, Hashable {
    public var shell: YAMLValue?
    public var workingDirectory: YAMLValue?

    public init(shell: YAMLValue? = nil, workingDirectory: YAMLValue? = nil) {
        self.shell = shell
        self.workingDirectory = workingDirectory
    }

    /// These defaults with `inner`'s set values on top (job defaults over workflow defaults).
    public func overridden(by inner: RunDefaults) -> RunDefaults {
        RunDefaults(shell: inner.shell ?? shell, workingDirectory: inner.workingDirectory ?? workingDirectory)
    }
}
