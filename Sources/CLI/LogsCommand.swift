import ArgumentParser
import Foundation
import Persistence
import PersistenceSQLite

/// `gantry logs RUN [JOB]`: the stored logs of a run, step by step.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print the stored logs of a run.")

    @Argument(help: "The run number (as `gantry runs` shows it, with or without #).")
    var run: String
    @Argument(help: "A job: its id, or a part of its key (workflow/job).")
    var job: String?

    func run() async throws {
        let store = try SQLiteStore.open(repositoryRoot: FileManager.default.currentDirectoryPath)
        guard let number = Int(run.hasPrefix("#") ? String(run.dropFirst()) : run) else {
            throw ValidationError("the run must be a number, such as 12 or #12")
        }
        guard let record = try await store.run(number: number) else {
            throw ValidationError("there is no run #\(number); `gantry runs` lists the recorded ones")
        }
        var jobs = try await store.jobs(runID: record.id)
        if let job {
            jobs = jobs.filter { $0.jobID == job || $0.key == job || $0.key.contains(job) }
            if jobs.isEmpty { throw ValidationError("run #\(number) has no job matching \"\(job)\"") }
        }
        for job in jobs {
            print("=== \(job.key): \(job.conclusion?.rawValue ?? "running")")
            for step in try await store.steps(jobID: job.id) {
                print("--- \(step.name): \(step.conclusion.rawValue)")
                if !step.log.isEmpty { print(step.log) }
            }
        }
    }
}
