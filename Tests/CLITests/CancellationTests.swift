import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C must end every process a run started, children and background processes included.
@Suite("cancellation")
struct CancellationTests {
    /// Pids of live processes whose command line contains `marker`.
    static func processes(containing marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let isZombie = stat.split(separator: " ").dropFirst(2).first == "Z"
            return !isZombie && String(decoding: data, as: UTF8.self).contains(marker)
        }
    }

    @Test("SIGINT cancels the run: no child survives and the run is recorded as cancelled")
    func interrupt() async throws {
        // Unique sleep durations identify exactly the processes this run started.
        let marker = String(Int.random(in: 100_000...999_999))
        let sandbox = try Sandbox(files: [
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              slow:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      sleep 300.\(marker) &
                      trap '' TERM
                      echo started
                      sleep 301.\(marker)
              other:
                runs-on: ubuntu-latest
                steps:
                  - run: sleep 302.\(marker)
            """,
        ])
        defer { sandbox.remove() }
        let process = Process()
        process.executableURL = Sandbox.binary
        process.arguments = ["run", "--report", "r.json"]
        process.currentDirectoryURL = sandbox.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = Reader(output.fileHandleForReading)
        var waited = 0
        while Self.processes(containing: marker).count < 3 && waited < 200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(Self.processes(containing: marker).count == 3)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let text = reader.text()
        #expect(process.terminationStatus == 1, "\(text)")
        try await Task.sleep(for: .milliseconds(200))
        #expect(Self.processes(containing: marker).isEmpty, "survivors: \(Self.processes(containing: marker))")
        let report = try sandbox.read("r.json")
        #expect(report.contains("\"conclusion\" : \"cancelled\""))
        let runs = try sandbox.gantry(["runs"])
        #expect(runs.stdout.contains("cancelled"))
    }
}
