import ArgumentParser

extension ExitCode {
    /// The input was invalid (a workflow, a flag, a file): nothing ran.
    static let invalidInput = ExitCode(2)
}
