import Diagnostics

/// Every job named in `needs` must exist, and `needs` must not form a cycle.
public struct JobNeedsRule: Rule {
    public static let id = "job-needs"

    public init() {}

    public func check(_ workflow: Workflow) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = Set(workflow.jobs.map(\.id))
        for job in workflow.jobs {
            for need in job.needs where !ids.contains(need.text) {
                var message = "job \"\(job.id)\" needs job \"\(need.text)\", which does not exist"
                if let suggestion = ParseContext.closest(to: need.text, in: Array(ids)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                diagnostics.append(Diagnostic(.error, at: need.location, message, rule: Self.id))
            }
        }
        if let cycle = firstCycle(in: workflow) {
            let path = (cycle + [cycle[0]]).map { "\"\($0.id)\"" }.joined(separator: " -> ")
            let notes = cycle.dropFirst().map { Diagnostic.Note(location: $0.location, message: "job \"\($0.id)\" is part of the cycle") }
            diagnostics.append(
                Diagnostic(.error, at: cycle[0].location, "\"needs\" forms a cycle: \(path)", rule: Self.id, notes: Array(notes)))
        }
        return diagnostics
    }

    /// The jobs of the first cycle found, starting at the earliest job in the file that is on one.
    func firstCycle(in workflow: Workflow) -> [Job]? {
        let byID = Dictionary(workflow.jobs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [Job] = []
        func visit(_ job: Job) -> [Job]? {
            state[job.id] = 1
            stack.append(job)
            for need in job.needIDs {
                guard let next = byID[need] else { continue }
                if state[need] == 1, let start = stack.firstIndex(where: { $0.id == need }) {
                    return Array(stack[start...])
                }
                if state[need] == nil, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[job.id] = 2
            return nil
        }
        for job in workflow.jobs where state[job.id] == nil {
            if let cycle = visit(job) { return cycle }
        }
        return nil
    }
}
