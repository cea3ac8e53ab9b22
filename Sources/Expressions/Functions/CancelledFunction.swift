/// `cancelled()`: true when the run was cancelled.
///
/// Calling it anywhere in a step's or job's `if` stops GitHub adding the implicit `success() &&`.
enum CancelledFunction: ExpressionFunction {
    static let id = "cancelled"
    static let arity = 0...0
    static let isStatusFunction = true

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        .bool(call.context.status == .cancelled)
    }
}
