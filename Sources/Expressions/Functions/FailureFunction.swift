/// `failure()`: true when a previous step or needed job failed.
///
/// Calling it anywhere in a step's or job's `if` stops GitHub adding the implicit `success() &&`.
enum FailureFunction: ExpressionFunction {
    static let id = "failure"
    static let arity = 0...0
    static let isStatusFunction = true

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        .bool(call.context.status == .failure)
    }
}
