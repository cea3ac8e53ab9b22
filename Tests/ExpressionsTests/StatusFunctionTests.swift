import Expressions
import Testing

@Suite("Status functions")
struct StatusFunctionTests {
    @Test(
        "success, failure and cancelled report the job status, and always is true",
        arguments: [
            (JobStatus.success, [true, false, false, true]),
            (JobStatus.failure, [false, true, false, true]),
            (JobStatus.cancelled, [false, false, true, true]),
        ]
    )
    func status(status: JobStatus, expected: [Bool]) throws {
        let context = EvaluationContext(status: status)
        let results = try ["success()", "failure()", "cancelled()", "always()"].map { source in
            try Expression.evaluate(source, in: context)
        }
        #expect(results == expected.map(Value.bool))
    }

    @Test("a condition combining a status function with a context reads both")
    func combined() throws {
        let context = EvaluationContext(contexts: ["github": ["ref": "refs/heads/main"]], status: .failure)
        #expect(try Expression.evaluate("failure() && github.ref == 'refs/heads/main'", in: context) == true)
        #expect(try Expression.evaluate("success() || github.ref", in: context) == "refs/heads/main")
    }
}
