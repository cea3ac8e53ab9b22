/// `hashFiles(pattern, ...)`: a hash of the files matching the patterns, computed by the context's
/// `hashFiles` closure with every argument converted to a string.
///
/// Without a closure (outside a step) the call is an evaluation error, as is any error the closure throws.
enum HashFilesFunction: ExpressionFunction {
    static let id = "hashFiles"
    static let arity = 1...255

    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value {
        guard let hash = call.context.hashFiles else {
            throw call.failure("hashFiles is not available here")
        }
        var patterns: [String] = []
        for position in 0..<call.count {
            patterns.append(try call.argument(position).stringValue)
        }
        do {
            return .string(try hash(patterns))
        } catch let error as ExpressionError {
            throw call.failure(error.message)
        } catch {
            throw call.failure("hashFiles failed: \(error)")
        }
    }
}
