/// A `run:` script split into pipelines and simple commands, with the operators that join them and their
/// positions, so rules can ask "is this command's failure checked?".
///
/// Works on the raw text with `${{ }}` left in place. Compound commands are flattened: the commands inside
/// `if … then … fi` or `( … )` appear in order, marked as conditions or with their nesting depth.
public struct ShellScript: Sendable {
    /// One command: its words with quotes removed, redirections dropped.
    public struct Command: Sendable, Hashable {
        /// The words with quotes removed; expansions such as `$(…)` and `${{ … }}` as written.
        public var words: [String]
        /// UTF-8 offset of the first word in the script.
        public var offset: Int
        /// What the command does, if it tests, lints, scans or builds; worked out once, as every rule asks.
        public var kind: CommandKind?
        /// Reads the status of an earlier command (`$?`, `${?}`, `PIPESTATUS`).
        public var readsStatus: Bool

        /// A command of `words` starting `offset` UTF-8 bytes into the script.
        public init(words: [String], offset: Int) {
            self.words = words
            self.offset = offset
            kind = CommandKind.of(words)
            readsStatus = words.contains { word in
                word.contains(bytes: "$?") || word.contains(bytes: "${?}") || word.contains(bytes: "PIPESTATUS")
                    || word.contains(bytes: "pipestatus")
            }
        }
    }

    /// Commands joined by `|`, and how the pipeline is joined to the next one.
    public struct Pipeline: Sendable, Hashable {
        /// The commands joined by `|`, in order.
        public var commands: [Command]
        /// UTF-8 offsets of the `|` operators, one fewer than the commands.
        public var pipeOffsets: [Int] = []
        /// `!` before the pipeline: its status is inverted, so it is checked by intent.
        public var isNegated = false
        /// Part of the condition of `if`, `elif`, `while` or `until`, whose status decides a branch.
        public var isCondition = false
        /// How many `( … )` or `{ … }` groups and compound commands enclose it.
        public var depth = 0
        /// The operator after it: `&&`, `||`, `;`, `&`, `;;`, or nil at a line end or the end of the script.
        public var connector: String?
        /// UTF-8 offset of `connector`.
        public var connectorOffset: Int?

        /// True when the next pipeline runs only depending on this one's status (`&&` or `||`).
        public var isChecked: Bool { isNegated || isCondition || connector == "&&" || connector == "||" }
    }

    /// The script as given.
    public let text: String
    /// The pipelines in the order they appear.
    public let pipelines: [Pipeline]
    private let utf8: [UInt8]

    /// Splits `text` into pipelines; never fails, because scripts that do not parse are still run by a shell.
    public init(_ text: String) {
        self.text = text
        utf8 = Array(text.utf8)
        pipelines = ShellScriptBuilder.pipelines(from: ShellLexer.tokens(of: utf8))
    }

    /// The character offset (as `YAMLScalar.location(ofOffset:)` counts) of a UTF-8 offset in `text`.
    public func characterOffset(ofUTF8 offset: Int) -> Int {
        String(decoding: utf8[0..<min(max(offset, 0), utf8.count)], as: UTF8.self).count
    }

    /// Every command in order, with the pipeline it belongs to and its index there.
    public var commands: [(pipeline: Int, index: Int, command: Command)] {
        pipelines.enumerated().flatMap { number, pipeline in
            pipeline.commands.enumerated().map { (number, $0.offset, $0.element) }
        }
    }
}

/// Groups lexer tokens into pipelines, tracking reserved words that open conditions and nesting.
struct ShellScriptBuilder {
    private var pipelines: [ShellScript.Pipeline] = []
    private var words: [String] = []
    private var wordsOffset = 0
    private var current = ShellScript.Pipeline(commands: [])
    private var inCondition = false
    private var depth = 0
    private var definingFunction = false
    private var expectingPattern = false

    static func pipelines(from tokens: [ShellToken]) -> [ShellScript.Pipeline] {
        var builder = ShellScriptBuilder()
        for token in tokens { builder.add(token) }
        builder.endPipeline(connector: nil, at: nil)
        return builder.pipelines
    }

    private mutating func add(_ token: ShellToken) {
        switch token.kind {
        case .word(let word):
            addWord(word, at: token.offset)
        case .redirection:
            break
        case .newline:
            // A line break right after `|`, `&&` or `||` continues the pipeline or list.
            if words.isEmpty && current.commands.isEmpty { return }
            endPipeline(connector: nil, at: nil)
        case .operator(let text):
            addOperator(text, at: token.offset)
        }
    }

    private mutating func addWord(_ word: String, at offset: Int) {
        if words.isEmpty {
            switch word {
            case "if", "elif", "while", "until":
                inCondition = true
                if word != "elif" { depth += 1 }
                return
            case "then", "do":
                inCondition = false
                return
            case "else", "time":
                return
            case "{":
                depth += 1
                return
            case "!":
                current.isNegated = true
                return
            case "fi", "done", "}", "esac":
                depth = max(0, depth - 1)
                expectingPattern = false
            case "case":
                depth += 1
            default:
                break
            }
        }
        if words.isEmpty { wordsOffset = offset }
        words.append(word)
    }

    private mutating func addOperator(_ text: String, at offset: Int) {
        switch text {
        case "|", "|&":
            endCommand()
            current.pipeOffsets.append(offset)
        case "(":
            // `name()` defines a function; otherwise a subshell opens.
            if words.count == 1 && current.commands.isEmpty {
                definingFunction = true
                return
            }
            endPipeline(connector: nil, at: nil)
            depth += 1
        case ")":
            if definingFunction || expectingPattern {
                // `name()` or a `case` pattern such as `a|b)`: neither is a command.
                definingFunction = false
                expectingPattern = false
                words = []
                current = ShellScript.Pipeline(commands: [])
                return
            }
            endPipeline(connector: nil, at: nil)
            depth = max(0, depth - 1)
        default:
            endPipeline(connector: text, at: offset)
            if text == ";;" { expectingPattern = true }
        }
    }

    private mutating func endCommand() {
        guard !words.isEmpty else { return }
        current.commands.append(ShellScript.Command(words: words, offset: wordsOffset))
        words = []
    }

    private mutating func endPipeline(connector: String?, at offset: Int?) {
        endCommand()
        if current.commands.isEmpty {
            // `fi || true` and friends: the operator belongs to the compound command just closed.
            if let connector, !pipelines.isEmpty, pipelines[pipelines.count - 1].connector == nil {
                pipelines[pipelines.count - 1].connector = connector
                pipelines[pipelines.count - 1].connectorOffset = offset
            }
            current = ShellScript.Pipeline(commands: [])
            return
        }
        current.isCondition = inCondition
        current.depth = current.commands[0].words.first == "case" ? depth - 1 : depth
        if current.commands[0].words.first == "case" { expectingPattern = true }
        current.connector = connector
        current.connectorOffset = offset
        pipelines.append(current)
        current = ShellScript.Pipeline(commands: [])
    }
}
