import Expressions
import Foundation
import Persistence
import Workflows

/// A `uses:` step: a local action, a built-in action, or a vendored copy of a remote one.
enum UsesStep {
    static func perform(_ invocation: StepInvocation, uses: YAMLScalar) async throws -> StepResult {
        let reference = uses.text
        if reference.hasPrefix("./") || reference == "." {
            let directory = invocation.state.workspace + "/" + reference
            return try await runAction(at: directory, reference: reference, invocation)
        }
        if reference.hasPrefix("docker://") {
            return invocation.fail("\"\(reference)\" is a container action; Gantry runs on the host without a container engine")
        }
        guard let at = reference.firstIndex(of: "@") else {
            return invocation.fail(
                "\"\(reference)\" names no version; write it as \"\(reference)@<ref>\", for example \"\(reference)@v4\"")
        }
        let name = String(reference[..<at]).lowercased()
        let ref = String(reference[reference.index(after: at)...])
        if let builtin = BuiltinActions.lookup(name) {
            let inputs = try evaluateWith(invocation)
            return try await builtin(BuiltinInvocation(invocation: invocation, inputs: inputs, ref: ref))
        }
        let vendored = invocation.state.run.options.repositoryRoot + "/.gantry/actions/\(name)/\(ref)"
        if FileManager.default.fileExists(atPath: vendored) {
            return try await runAction(at: vendored, reference: reference, invocation)
        }
        let parts = name.split(separator: "/")
        let repository = parts.prefix(2).joined(separator: "/")
        let subpath = parts.dropFirst(2).joined(separator: "/")
        return invocation.fail(
            "remote action \"\(reference)\" is not available offline. Vendor it once with: "
                + "git clone https://github.com/\(repository) /tmp/a && git -C /tmp/a checkout \(ref) && "
                + "mkdir -p .gantry/actions/\(name) && cp -R /tmp/a\(subpath.isEmpty ? "" : "/" + subpath) .gantry/actions/\(name)/\(ref) "
                + "(commit .gantry/actions/ so every machine has it)")
    }

    /// The step's `with:` values, evaluated.
    static func evaluateWith(_ invocation: StepInvocation) throws -> [String: String] {
        var inputs: [String: String] = [:]
        for entry in invocation.step.with {
            inputs[entry.key.text] = try entry.value.evaluateString(in: invocation.evaluation)
        }
        return inputs
    }

    static func runAction(at directory: String, reference: String, _ invocation: StepInvocation) async throws -> StepResult {
        guard let file = ["action.yml", "action.yaml"].map({ directory + "/" + $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }),
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else {
            return invocation.fail("action \"\(reference)\" not found: no action.yml or action.yaml in \(directory)")
        }
        let (parsed, diagnostics) = ActionParser.parse(text, path: file)
        guard let metadata = parsed, !diagnostics.hasErrors else {
            return invocation.fail(diagnostics.map(\.rendered).joined(separator: "\n"))
        }
        let inputs = try actionInputs(metadata, invocation)
        switch metadata.runs {
        case .composite(let steps):
            return await CompositeAction.run(steps: steps, metadata: metadata, directory: directory, inputs: inputs, invocation)
        case .node(let using, let main, let pre, let post):
            return try await NodeAction.run(
                using: using, main: main, pre: pre, post: post, directory: directory, inputs: inputs, invocation)
        case .docker:
            return invocation.fail("\"\(reference)\" is a Docker action; Gantry runs on the host without a container engine")
        }
    }

    /// `with:` values over the action's defaults; every declared input is present.
    static func actionInputs(_ metadata: ActionMetadata, _ invocation: StepInvocation) throws -> [String: String] {
        var inputs = try evaluateWith(invocation)
        for input in metadata.inputs where inputs[input.name] == nil {
            inputs[input.name] = try input.defaultValue?.evaluateString(in: invocation.evaluation) ?? ""
        }
        return inputs
    }
}
