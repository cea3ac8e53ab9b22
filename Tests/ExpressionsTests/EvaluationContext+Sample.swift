import Expressions

extension EvaluationContext {
    /// Contexts shaped like a push run with two commits, a step with outputs and a matrix.
    static let sample = EvaluationContext(contexts: [
        "github": [
            "event_name": "push",
            "ref": "refs/heads/main",
            "actor": "octocat",
            "event": [
                "commits": [
                    ["message": "first", "author": ["name": "Ann"]],
                    ["message": "second", "author": ["name": "Bob"]],
                ],
                "labels": [["name": "bug"], ["name": "ci"]],
            ],
        ],
        "env": ["CI": "true", "test-env-input": "from env", "EMPTY": ""],
        "inputs": ["my-val": "hello", "count": 3, "flag": false],
        "steps": ["set-1": ["outputs": ["x": "42"], "outcome": "success"]],
        "matrix": ["os": "ubuntu-latest", "node": 18],
        "needs": [
            "build": ["result": "success", "outputs": ["version": "1.2"]],
            "test": ["result": "failure", "outputs": [:]],
        ],
    ])
}

extension Expression {
    /// Parses and evaluates `source`, for table tests.
    static func evaluate(_ source: String, in context: EvaluationContext = .sample) throws -> Value {
        try parse(source).evaluate(in: context)
    }
}
