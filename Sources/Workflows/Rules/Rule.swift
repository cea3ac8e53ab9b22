import Diagnostics

/// A check over a parsed workflow. Rules report every problem they find and never stop the others.
public protocol Rule: Sendable {
    /// The rule id printed in brackets after each message.
    static var id: String { get }
    func check(_ workflow: Workflow) -> [Diagnostic]
}

/// The rules every workflow is validated with before anything runs; add a new rule here.
public enum Rules {
    public static let all: [any Rule] = [
        JobNeedsRule(),
        ExpressionSyntaxRule(),
        MatrixRule(),
        UnsupportedFeatureRule(),
    ]

    /// Runs every rule over `workflow`.
    public static func check(_ workflow: Workflow) -> [Diagnostic] {
        all.flatMap { $0.check(workflow) }
    }
}
