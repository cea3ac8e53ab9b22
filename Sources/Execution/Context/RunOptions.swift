/// Everything the user chose for a run, as parsed by the CLI.
public struct RunOptions: Sendable {
    public var repositoryRoot: String
    public var event: String = "push"
    public var eventPath: String?
    /// `-W`: a workflow file or directory; nil means `.github/workflows`.
    public var workflowTarget: String?
    /// `-j`: run only this job id (and what it needs is not run; as act does, needs are ignored for it).
    public var job: String?
    public var inputs: [String: String] = [:]
    public var secrets: [String: String] = [:]
    public var env: [String: String] = [:]
    public var vars: [String: String] = [:]
    /// `--matrix key:value`: only legs whose value for `key` is one of these run.
    public var matrixFilter: [String: [String]] = [:]
    public var parallel: Int = 16
    public var bind = false
    public var quiet = false
    /// `-P label=skip`: jobs whose `runs-on` includes one of these labels are skipped.
    public var skippedLabels: Set<String> = []
    public var actor = "nektos/act"
    /// How long a cancelled step gets between SIGTERM and SIGKILL.
    public var grace: Duration = .seconds(5)
    /// Whether stdout is a terminal (progress display and colors).
    public var interactive = false

    public init(repositoryRoot: String) {
        self.repositoryRoot = repositoryRoot
    }
}
