/// Reading the words of one simple command: which program really runs once wrappers such as `sudo`, `npx`,
/// `poetry run` or `VAR=value` assignments are taken off.
enum CommandWords {
    /// Wrappers that run the rest of the line as a command, with the options that take a value.
    private static let wrappers: [String: Set<String>] = [
        "sudo": ["-u", "--user", "-g", "--group"], "env": ["-u", "--unset", "-C", "--chdir"], "time": [],
        "nice": ["-n", "--adjustment"], "timeout": ["-s", "--signal", "-k", "--kill-after"], "stdbuf": [],
        "unbuffer": [], "xvfb-run": ["-s", "--server-args", "-n", "--server-num", "-e", "--error-file"],
        "npx": ["-p", "--package"], "bunx": [], "pnpx": [], "uvx": ["--from", "--with", "--python"],
        "nyc": [], "c8": [], "command": [], "exec": [], "dotenv": ["-e"], "catchsegv": [], "script": [],
    ]

    /// Two-word wrappers (`poetry run`, `bundle exec`): the verbs, and the options that take a value.
    private static let runners: [String: (verbs: Set<String>, valued: Set<String>)] = [
        "poetry": (["run"], []), "pdm": (["run"], []), "hatch": (["run"], []), "pipenv": (["run"], []),
        "rye": (["run"], []), "pipx": (["run"], ["--spec"]), "coverage": (["run"], []),
        "uv": (["run"], ["--with", "--python", "-p", "--package", "--extra", "--group", "--directory"]),
        "conda": (["run"], ["-n", "--name", "-p", "--prefix"]), "micromamba": (["run"], ["-n", "--name"]),
        "bundle": (["exec"], []), "pnpm": (["exec", "dlx"], ["--filter", "-F"]), "yarn": (["exec", "dlx"], []),
    ]

    /// `words` without leading assignments and wrappers, so the first word is the program that does the work.
    static func strippingWrappers(_ words: [String]) -> [String] {
        var words = words[...]
        var changed = true
        while changed, let first = words.first {
            changed = false
            if isAssignment(first) {
                words = words.dropFirst()
                changed = true
            } else if let valued = wrappers[programName(first)] {
                words = dropOptions(words.dropFirst(), valued: valued)
                if programName(first) == "timeout", let duration = words.first, duration.first?.isNumber == true {
                    words = words.dropFirst()
                }
                changed = true
            } else if let runner = runners[programName(first)], words.count > 1,
                runner.verbs.contains(words[words.startIndex + 1])
            {
                words = dropOptions(words.dropFirst(2), valued: runner.valued)
                // `hatch run env:cmd` names an environment script; `coverage run -m pytest` a module.
                if words.first == "-m" { words = words.dropFirst() }
                changed = true
            }
        }
        return Array(words)
    }

    /// The file name of a program path: `./gradlew` → `gradlew`, `vendor/bin/phpunit` → `phpunit`.
    static func programName(_ word: String) -> String {
        let name = word.split(separator: "/").last.map(String.init) ?? word
        return name.hasSuffix(".exe") ? String(name.dropLast(4)) : name
    }

    /// `NAME=value`, a variable assignment before a command.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    private static func dropOptions(_ words: ArraySlice<String>, valued: Set<String>) -> ArraySlice<String> {
        var words = words
        while let first = words.first, first.hasPrefix("-") || isAssignment(first) {
            words = words.dropFirst()
            if first == "--" { break }
            if valued.contains(first) { words = words.dropFirst() }
        }
        return words
    }
}
