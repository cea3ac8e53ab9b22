/// The registration table of every function expressions can call, in the order GitHub documents them.
enum Functions {
    /// Every function, once.
    static let all: [FunctionDefinition] = [
        FunctionDefinition(ContainsFunction.self),
        FunctionDefinition(StartsWithFunction.self),
        FunctionDefinition(EndsWithFunction.self),
        FunctionDefinition(FormatFunction.self),
        FunctionDefinition(JoinFunction.self),
        FunctionDefinition(ToJSONFunction.self),
        FunctionDefinition(FromJSONFunction.self),
        FunctionDefinition(HashFilesFunction.self),
        FunctionDefinition(SuccessFunction.self),
        FunctionDefinition(AlwaysFunction.self),
        FunctionDefinition(CancelledFunction.self),
        FunctionDefinition(FailureFunction.self),
    ]

    private static let byLowercasedName: [String: FunctionDefinition] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.id.lowercased(), $0) }
    )

    /// The function called `name`, ignoring case, or `nil` if there is none.
    static func named(_ name: String) -> FunctionDefinition? {
        byLowercasedName[name.lowercased()]
    }
}
