extension ShellScript.Command {
    /// The command as written for messages, shortened: `npm test`, `trivy image …`.
    public var display: String {
        let shown = words.prefix(4).joined(separator: " ")
        return words.count > 4 ? shown + " …" : shown
    }

    /// The program once wrappers are removed (`npx eslint` → `eslint`).
    public var program: String? {
        CommandWords.strippingWrappers(words).first.map(CommandWords.programName)
    }

    /// A command that succeeds whatever came before: `true`, `:`, `exit 0`, `echo …`, `printf …`.
    public var alwaysSucceeds: Bool {
        guard let first = words.first else { return false }
        switch first {
        case "true", ":", "/bin/true", "/usr/bin/true", "echo", "printf": return true
        case "exit", "return": return words.count == 2 && words[1] == "0"
        default: return false
        }
    }
}

extension ShellScript {
    /// The first command in `pipeline` that is a test, lint or scan, with its index in the pipeline.
    public func check(in pipeline: Pipeline) -> (index: Int, command: Command, kind: CommandKind)? {
        for (index, command) in pipeline.commands.enumerated() {
            if let kind = command.kind, kind.isCheck { return (index, command, kind) }
        }
        return nil
    }

    /// Whether the pipelines from `start` on that belong to one `||` branch (a single command, or a `{ … }` or
    /// `( … )` group) all always succeed, so the branch turns a failure into success.
    public func branchAlwaysSucceeds(from start: Int, depth: Int) -> Bool {
        guard start < pipelines.count else { return false }
        let first = pipelines[start]
        if first.depth <= depth {
            return first.commands.count == 1 && first.commands[0].alwaysSucceeds && first.connector != "&&"
                && first.connector != "||"
        }
        var index = start
        while index < pipelines.count, pipelines[index].depth > depth {
            let pipeline = pipelines[index]
            guard pipeline.commands.allSatisfy(\.alwaysSucceeds) else { return false }
            index += 1
        }
        if index < pipelines.count, pipelines[index].commands.first?.words == ["}"] {
            return pipelines[index].connector != "&&"
        }
        return pipelines[index - 1].connector != "&&"
    }

    /// The `-e` setting in force at each pipeline, starting from `errexit` and following `set` commands.
    public func errexitStates(startingWith errexit: Bool) -> [Bool] {
        var current = errexit
        return pipelines.map { pipeline in
            let state = current
            for command in pipeline.commands {
                if let options = ShellOptions.ofSetCommand(command.words), let value = options.errexit {
                    current = value
                }
            }
            return state
        }
    }
}
