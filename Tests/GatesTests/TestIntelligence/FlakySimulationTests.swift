import Foundation
import Testing

/// The end-to-end check of flaky detection: `scripts/simulate-flaky-history` with a fixed seed, run against the real
/// `gantry` binary, real processes and a real SQLite store.
@Suite("flaky history simulation")
struct FlakySimulationTests {
    /// The binary built with these tests: `$GANTRY_BINARY`, else `gantry` beside the test bundle.
    static var binary: String? {
        if let explicit = ProcessInfo.processInfo.environment["GANTRY_BINARY"] { return explicit }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "gantry")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside.path : nil
    }

    /// `scripts/simulate-flaky-history` of the checkout these tests are in.
    static var script: String? {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        while directory.path != "/" {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("scripts/simulate-flaky-history")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        return nil
    }

    @Test("50 retried runs of a suite with one 30% flaky test: gantry lists exactly it, at a 70% pass rate")
    func simulation() throws {
        let binary = try #require(Self.binary, "build gantry first (swift build), or set GANTRY_BINARY")
        let script = try #require(Self.script, "scripts/simulate-flaky-history is missing")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--gantry", binary, "--seed", "7", "--runs", "50", "--quiet"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("expected exactly ['sim.suite::test_network']: ok"), "\(text)")
        #expect(text.contains("first-attempt pass rate 70.0%, seeded 70.0% +/- 5 points: ok"), "\(text)")
        #expect(text.contains("\"passedOnRetryRuns\" : "), "\(text)")
    }
}
