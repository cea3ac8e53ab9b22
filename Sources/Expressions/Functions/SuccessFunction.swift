/// `success()`: true when no step before this one has failed and the run was not cancelled.
///
/// Calling it anywhere in a step's or job's `if` stops GitHub adding the implicit `success() &&`.
enum SuccessFunction: ExpressionFunction {
    static let id = "success"
    static let arity = 0...0
    static let isStatusFunction = true

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        .bool(call.context.status == .success)
    }
}
