import Execution
import Foundation

/// The table printed at the end of a run: every job with its conclusion and duration.
enum SummaryPrinter {
    static func render(_ report: RunReport, console: Console) -> String {
        let rows = report.jobs.map { job -> (String, String, String) in
            var name = "\(job.workflow)/\(job.id)"
            if let matrix = job.matrix, !matrix.isEmpty {
                name += " (" + matrix.keys.sorted().map { "\($0)=\(describe(matrix[$0]!))" }.joined(separator: ", ") + ")"
            }
            return (name, job.conclusion, formatMilliseconds(job.durationMs))
        }
        let width = max(3, rows.map(\.0.count).max() ?? 0)
        var lines = ["", pad("JOB", width) + "  CONCLUSION  DURATION"]
        for (name, conclusion, duration) in rows {
            let colored = console.colored(pad(conclusion, 10), color(conclusion))
            lines.append(pad(name, width) + "  " + colored + "  " + duration)
        }
        let run = report.run.map { "run #\($0) " } ?? ""
        lines.append("")
        lines.append(run + console.colored(report.conclusion, color(report.conclusion)))
        return lines.joined(separator: "\n")
    }

    static func color(_ conclusion: String) -> String {
        switch conclusion {
        case "success": "32"
        case "failure": "31"
        case "cancelled": "33"
        default: "90"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number ? String(Int64(number)) : String(number)
        case .bool(let bool): String(bool)
        case .null: "null"
        default: "…"
        }
    }
}

func formatMilliseconds(_ milliseconds: Int) -> String {
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    if milliseconds < 60_000 { return String(format: "%.1fs", Double(milliseconds) / 1000) }
    return "\(milliseconds / 60_000)m\(milliseconds / 1000 % 60)s"
}
