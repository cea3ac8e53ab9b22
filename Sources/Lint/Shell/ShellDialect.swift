import Workflows

/// The shell a `run:` step gets, and the options GitHub starts it with.
///
/// GitHub runs an unspecified shell as `bash -e {0}` (no `pipefail`), `shell: bash` as
/// `bash --noprofile --norc -eo pipefail {0}` and `shell: sh` as `sh -e {0}`; a custom shell such as
/// `bash {0}` gets exactly the options written. On Windows runners the default is PowerShell.
public struct ShellDialect: Sendable, Hashable {
    /// True for bash, sh, dash, zsh and ksh: the scripts `ShellScript` understands.
    public var isPOSIX: Bool
    /// `-e`: the script stops at the first failing command whose status is not checked.
    public var errexit: Bool
    /// `-o pipefail`: a pipeline fails when any of its commands fails, not only the last.
    public var pipefail: Bool
    /// What the workflow wrote, or nil for the default; for messages.
    public var written: String?

    /// The dialect for `shell:` as written (nil when unspecified) on a runner that may be Windows.
    public init(shell: String?, windowsRunner: Bool) {
        written = shell
        let words = (shell ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard !words.isEmpty else {
            isPOSIX = !windowsRunner
            errexit = true
            pipefail = false
            return
        }
        switch words.joined(separator: " ") {
        case "bash":
            (isPOSIX, errexit, pipefail) = (true, true, true)
        case "sh":
            (isPOSIX, errexit, pipefail) = (true, true, false)
        default:
            let program = words.first.map(CommandWords.programName) ?? ""
            isPOSIX =
                ["bash", "sh", "dash", "zsh", "ksh"].contains(program) && !words.contains { $0.contains(bytes: "${{") }
            let options = ShellOptions(words.dropFirst())
            errexit = options.errexit ?? false
            pipefail = options.pipefail ?? false
        }
    }

    /// The dialect of `step` in `job`: the step's `shell`, else the job's and the workflow's `defaults.run.shell`.
    public init(step: Step, job: Job, workflow: Workflow) {
        let value = step.shell ?? workflow.defaults.overridden(by: job.defaults).shell
        let runsOn = job.runsOn.map(Self.text) ?? ""
        self.init(shell: value?.scalar?.text, windowsRunner: runsOn.lowercased().contains(bytes: "windows"))
    }

    private static func text(of value: YAMLValue) -> String {
        switch value {
        case .scalar(let scalar): scalar.text
        case .sequence(let items, _): items.map(text).joined(separator: " ")
        case .mapping(let entries, _): entries.map { text(of: $0.value) }.joined(separator: " ")
        case .null: ""
        }
    }
}

/// The `-e` and `-o pipefail` settings in shell options or a `set` command: nil where a setting is not mentioned.
public struct ShellOptions: Sendable, Hashable {
    /// `-e` / `+e` / `-o errexit`.
    public var errexit: Bool?
    /// `-o pipefail` / `+o pipefail`.
    public var pipefail: Bool?

    /// Reads options such as `-e`, `+e`, `-eo pipefail`, `-euxo pipefail`, `-o errexit`, `+o pipefail`.
    public init<Words: Sequence<String>>(_ words: Words) {
        var expectingName: Bool?
        for word in words {
            if let enabling = expectingName {
                if word == "pipefail" { pipefail = enabling }
                if word == "errexit" { errexit = enabling }
                expectingName = nil
                continue
            }
            guard let sign = word.first, sign == "-" || sign == "+", word.count > 1, !word.hasPrefix("--") else {
                continue
            }
            let enabling = sign == "-"
            for flag in word.dropFirst() {
                if flag == "e" { errexit = enabling }
                if flag == "o" { expectingName = enabling }
            }
        }
    }

    /// The options a `set` command changes, or nil when `words` is not a `set` command.
    public static func ofSetCommand(_ words: [String]) -> ShellOptions? {
        guard words.first == "set" else { return nil }
        return ShellOptions(words.dropFirst())
    }
}
