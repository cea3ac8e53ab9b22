import Foundation
import Expressions
import Persistence
import Workflows

/// Where a job sits: the workflow it belongs to, as run at the top level or as called by another job.
struct WorkflowScope: Sendable {
    let workflow: Workflow
    /// The workflow name reports use: the top-level workflow's, also for jobs of a called workflow.
    let reportWorkflow: String
    /// `""` at the top level, `"<caller job id>/"` inside a called workflow.
    let idPrefix: String
    let inputs: Value
    let secrets: Value
}

/// One job to run on the host: a job, or one leg of its matrix.
struct JobLeg: Sendable {
    let scope: WorkflowScope
    let job: Job
    let matrix: MatrixCombination?
    let strategy: Value
    let needs: Value

    /// The id in reports: `build`, or `caller/build` in a called workflow.
    var reportID: String { scope.idPrefix + job.id }

    /// `workflow/job` plus the matrix values, as the terminal shows it.
    var displayKey: String {
        var key = "\(scope.reportWorkflow)/\(reportID)"
        if let matrix, !matrix.entries.isEmpty {
            key += " (" + matrix.entries.map { $0.value.stringValue }.joined(separator: ", ") + ")"
        }
        return key
    }

    /// The stable key of the job in the store: `workflow/job` plus the compact matrix JSON.
    var storeKey: String {
        var key = "\(scope.reportWorkflow)/\(reportID)"
        if let matrix, !matrix.entries.isEmpty { key += matrixJSON(matrix) }
        return key
    }
}

/// What a job produced for the jobs that need it.
struct JobOutcome: Sendable {
    var conclusion: Conclusion
    var outputs: [String: String]
}

/// Compact JSON of a matrix with sorted keys, as the report and store key use.
func matrixJSON(_ matrix: MatrixCombination) -> String {
    "{" + matrix.entries.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\(jsonString($0.value.stringValue))" }.joined(separator: ",") + "}"
}

func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
        }
    }
    return result + "\""
}
