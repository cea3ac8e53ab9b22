import Expressions
import Persistence
import Testing

@testable import Execution

@Suite("job scheduling")
struct WorkflowScheduleTests {
    @Test("jobs start when what they need has finished, and the schedule completes once")
    func order() {
        var schedule = WorkflowSchedule(jobs: [("root", []), ("a", ["root"]), ("b", ["root"]), ("sink", ["a", "b"])])
        #expect(schedule.handle(.start) == [.startJob("root")])
        #expect(schedule.handle(.finished("root", .success)) == [.startJob("a"), .startJob("b")])
        #expect(schedule.handle(.finished("b", .success)) == [])
        #expect(schedule.handle(.finished("a", .failure)) == [.startJob("sink")])
        #expect(schedule.handle(.finished("sink", .skipped)) == [.complete])
    }

    @Test("the status a job sees covers every job it needs, directly or not")
    func transitiveStatus() {
        var schedule = WorkflowSchedule(jobs: [("fail", []), ("ok", ["fail"]), ("next", ["ok"])])
        _ = schedule.handle(.start)
        _ = schedule.handle(.finished("fail", .failure))
        _ = schedule.handle(.finished("ok", .success))
        #expect(schedule.status(for: "ok") == .failure)
        #expect(schedule.status(for: "next") == .failure)
    }

    @Test("a skipped ancestor makes neither success() nor failure() true")
    func skippedAncestor() {
        var schedule = WorkflowSchedule(jobs: [("a", []), ("b", ["a"])])
        _ = schedule.handle(.start)
        _ = schedule.handle(.finished("a", .skipped))
        #expect(schedule.status(for: "b") == .skipped)
    }

    @Test("jobs without needs all start at once; unknown needs are ignored")
    func independent() {
        var schedule = WorkflowSchedule(jobs: [("x", []), ("y", ["missing"])])
        #expect(schedule.handle(.start) == [.startJob("x"), .startJob("y")])
    }
}
