/// A function expressions can call, such as `contains` or `format`.
///
/// Each function is a type named after it (`ContainsFunction`) and is listed once in `Functions.all`.
/// `evaluate` is called only with an argument count inside `arity`, which the parser has checked; it reads the
/// arguments it needs through the call, so unused arguments are never evaluated.
protocol ExpressionFunction: SendableMetatype {
    /// The name as GitHub documents it; calls match it ignoring case.
    static var id: String { get }
    /// How many arguments a call must pass.
    static var arity: ClosedRange<Int> { get }
    /// Whether the function reports the job status, which stops GitHub adding an implicit `success() &&`.
    static var isStatusFunction: Bool { get }
    /// The result of one call.
    static func evaluate(_ call: FunctionCall) throws(ExpressionError) -> Value
}

extension ExpressionFunction {
    static var isStatusFunction: Bool { false }
}

/// A registered function as the parser stores it in the tree; equal when the names are equal.
struct FunctionDefinition: Sendable, Hashable {
    let id: String
    let arity: ClosedRange<Int>
    let isStatusFunction: Bool
    let body: @Sendable (FunctionCall) throws(ExpressionError) -> Value

    init<Function: ExpressionFunction>(_ function: Function.Type) {
        id = Function.id
        arity = Function.arity
        isStatusFunction = Function.isStatusFunction
        body = { call throws(ExpressionError) in try Function.evaluate(call) }
    }

    static func == (lhs: FunctionDefinition, rhs: FunctionDefinition) -> Bool {
        lhs.id == rhs.id
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }

    /// How many arguments the function takes, in words: `2 arguments`, `1 or 2 arguments`, `at least 1 argument`.
    func describeArity(tooMany: Bool) -> String {
        func count(_ number: Int) -> String {
            number == 0 ? "no arguments" : number == 1 ? "1 argument" : "\(number) arguments"
        }
        if arity.lowerBound == arity.upperBound {
            return count(arity.lowerBound)
        }
        if arity.upperBound == arity.lowerBound + 1 {
            return "\(arity.lowerBound) or \(count(arity.upperBound))"
        }
        return tooMany ? "at most \(count(arity.upperBound))" : "at least \(count(arity.lowerBound))"
    }
}

/// One call being evaluated: its arguments, evaluated on demand, and what the function may read.
struct FunctionCall {
    let arguments: [Node]
    /// Character offset of the function name in the source, where errors point.
    let offset: Int
    let evaluator: Evaluator

    /// How many arguments were passed.
    var count: Int { arguments.count }

    /// The context the expression is evaluated in.
    var context: EvaluationContext { evaluator.context }

    /// The value of argument `position`, evaluated now.
    func argument(_ position: Int) throws(ExpressionError) -> Value {
        try evaluator.evaluate(arguments[position])
    }

    /// An evaluation error pointing at the call.
    func failure(_ message: String) -> ExpressionError {
        ExpressionError(offset: offset, message: message)
    }
}
