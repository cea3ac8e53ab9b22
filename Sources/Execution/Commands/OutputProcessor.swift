import Foundation

/// Handles one step's output lines: runs workflow commands, masks, and forwards what should be shown and logged.
///
/// Called from the reader thread of the step's process; results are read by the job after the process ends.
final class OutputProcessor: @unchecked Sendable {
    private let lock = NSLock()
    private let masker: Masker
    private let emit: @Sendable (String) -> Void
    private let showDebug: Bool
    private var stopToken: String?
    private(set) var outputs: [(String, String)] = []
    private(set) var state: [(String, String)] = []
    private(set) var paths: [String] = []
    private(set) var annotations: [String] = []
    private var log: [String] = []

    init(masker: Masker, showDebug: Bool, emit: @escaping @Sendable (String) -> Void) {
        self.masker = masker
        self.showDebug = showDebug
        self.emit = emit
    }

    /// The step's log so far, masked, as stored in history.
    var text: String { lock.withLock { log.joined(separator: "\n") } }

    func handle(_ line: String) {
        lock.withLock {
            if let command = stopToken == nil ? WorkflowCommand.parse(line) : nil {
                run(command, line: line)
            } else if let token = stopToken, line.trimmingCharacters(in: .whitespaces) == "::\(token)::" {
                stopToken = nil
            } else {
                show(line)
            }
        }
    }

    /// Text Gantry itself adds to the step's log (errors it reports for the step).
    func note(_ line: String) {
        lock.withLock { show(line) }
    }

    private func show(_ line: String) {
        let masked = masker.mask(line)
        log.append(masked)
        emit(masked)
    }

    private func run(_ command: WorkflowCommand, line: String) {
        switch command.name {
        case "add-mask":
            masker.add(command.message)
        case "set-output":
            if let name = command.properties["name"] { outputs.append((name, command.message)) }
        case "save-state":
            if let name = command.properties["name"] { state.append((name, command.message)) }
        case "add-path":
            paths.append(command.message)
        case "stop-commands":
            stopToken = command.message.isEmpty ? nil : command.message
        case "group":
            show("▸ " + command.message)
        case "endgroup":
            break
        case "debug":
            if showDebug { show("debug: " + command.message) }
        case "error", "warning", "notice":
            var place = ""
            if let file = command.properties["file"] {
                place = file
                if let line = command.properties["line"] { place += ":" + line }
                if let column = command.properties["col"] { place += ":" + column }
                place += ": "
            }
            let text = "\(place)\(command.name): \(command.message)"
            annotations.append(masker.mask(text))
            show(text)
        case "echo":
            break
        default:
            show(line)
        }
    }
}
