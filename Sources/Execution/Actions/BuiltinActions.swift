import Foundation

/// A call of a built-in action: the step, its evaluated `with:` inputs and the version the workflow asked for.
struct BuiltinInvocation: Sendable {
    let invocation: StepInvocation
    let inputs: [String: String]
    let ref: String

    var state: JobState { invocation.state }

    /// A multi-line or comma-free list input (`path:` of cache and artifacts), one entry per non-empty line.
    func list(_ name: String) -> [String] {
        (inputs[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func log(_ line: String) {
        state.run.console.job(state.leg.displayKey, "  " + line)
        state.appendLog(line)
    }
}

/// Offline implementations of the actions almost every workflow uses; add one here.
enum BuiltinActions {
    typealias Body = @Sendable (BuiltinInvocation) async throws -> StepResult

    static let table: [String: Body] = [
        "actions/checkout": CheckoutAction.run,
        "actions/cache": CacheAction.run,
        "actions/cache/restore": CacheAction.restoreOnly,
        "actions/cache/save": CacheAction.saveOnly,
        "actions/upload-artifact": ArtifactActions.upload,
        "actions/download-artifact": ArtifactActions.download,
        "gantry/gate": GateAction.run,
    ]

    static func lookup(_ name: String) -> Body? { table[name] }
}
