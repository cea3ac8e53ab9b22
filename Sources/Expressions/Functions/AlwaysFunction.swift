/// `always()`: true whatever the job status, so the step or job runs even after a failure or cancellation.
///
/// Calling it anywhere in a step's or job's `if` stops GitHub adding the implicit `success() &&`.
enum AlwaysFunction: ExpressionFunction {
    static let id = "always"
    static let arity = 0...0
    static let isStatusFunction = true

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        true
    }
}
