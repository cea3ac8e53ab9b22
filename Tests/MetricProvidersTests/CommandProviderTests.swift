import Foundation
import MetricProviders
import Testing

/// The command provider with real processes.
@Suite("Command provider")
struct CommandProviderTests {
    func measure(_ script: String, timeout: Duration = .seconds(10)) async -> MetricResult {
        await CommandProvider().measure(.command(["sh", "-c", script], timeout: timeout), at: Date())
    }

    @Test(
        "the last printed number, else the exit status, is the value",
        arguments: [
            ("echo 0.42", ExpectedResult.value(0.42)),
            ("echo checking; echo '  17  '; echo", .value(17)),
            ("echo 1; echo done", .value(0)),
            ("true", .value(0)),
            ("exit 3", .value(3)),
            ("echo failing >&2; exit 1", .value(1)),
            ("echo NaN", .noData("printed NaN")),
            ("echo 0.9; exit 2", .error("printed 0.9 but exited with status 2")),
            ("kill -TERM $$", .error("killed by signal 15")),
        ]
    )
    func value(_ script: String, _ expected: ExpectedResult) async {
        expect(await measure(script), expected)
    }

    @Test("the raw output keeps stdout, stderr and the exit status")
    func raw() async {
        let result = await measure("echo out; echo err >&2; exit 4")
        #expect(result.raw == "out\n[stderr]\nerr\n[exit status 4]")
        #expect(result.query == "sh -c 'echo out; echo err >&2; exit 4'")
    }

    @Test("a timeout kills the whole process group, background children too")
    func timeoutKillsGroup() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-command-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pids = folder.appendingPathComponent("pids").path
        let clock = ContinuousClock()
        let start = clock.now
        let result = await measure(
            "sleep 60 & echo $! > \(pids); echo $$ >> \(pids); wait", timeout: .milliseconds(500))
        expect(result, .error("timed out after 500ms; its process group was killed"))
        #expect(clock.now - start < .seconds(30), "the timeout must end the wait, not a hang")
        let recorded = try String(contentsOfFile: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(recorded.count == 2)
        for pid in recorded {
            #expect(await isGone(pid), "process \(pid) survived the timeout")
        }
    }

    @Test("a child left running after the command exits is killed, and the measurement does not wait for it")
    func strayChild() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-command-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("pid").path
        let clock = ContinuousClock()
        let start = clock.now
        let result = await measure("sleep 60 & echo $! > \(pidFile); echo 5", timeout: .seconds(20))
        #expect(result.value == 5)
        #expect(clock.now - start < .seconds(30), "the timeout must end the wait, not a hang")
        let pid = try #require(
            Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await isGone(pid), "process \(pid) survived its parent")
    }

    @Test("cancelling the measurement kills the command")
    func cancellation() async {
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { await measure("sleep 60", timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(200))
        task.cancel()
        expect(await task.value, .error("cancelled"))
        #expect(clock.now - start < .seconds(30), "the timeout must end the wait, not a hang")
    }

    @Test("environment and working directory reach the command")
    func environmentAndDirectory() async {
        let query = MetricQuery.command(
            ["sh", "-c", #"[ "$(pwd)" = /tmp ] && echo "$GANTRY_TEST_VALUE""#],
            workingDirectory: "/tmp",
            environment: ["GANTRY_TEST_VALUE": "12.5"]
        )
        let result = await CommandProvider().measure(query, at: Date())
        #expect(result.value == 12.5)
    }

    @Test(
        "a command that cannot start is an error",
        arguments: [
            (["gantry-no-such-command-xyz"], #"command not found: "gantry-no-such-command-xyz""#),
            ([], "no command given"),
            (["/nonexistent/bin/tool"], "cannot start /nonexistent/bin/tool"),
        ]
    )
    func cannotStart(_ arguments: [String], _ fragment: String) async {
        expect(await CommandProvider().measure(.command(arguments), at: Date()), .error(fragment))
    }

    @Test("a missing working directory is an error")
    func missingDirectory() async {
        let query = MetricQuery.command(["true"], workingDirectory: "/nonexistent-gantry-dir")
        expect(
            await CommandProvider().measure(query, at: Date()),
            .error("working directory \"/nonexistent-gantry-dir\" does not exist"))
    }

    /// Whether `pid` is gone within a second: SIGKILL is delivered, and an exit completed, asynchronously.
    private func isGone(_ pid: Int32) async -> Bool {
        for _ in 0..<50 where isAlive(pid) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !isAlive(pid)
    }

    /// Whether `pid` still runs. A killed grandchild is reparented to PID 1, which in a container may never reap
    /// it, so a zombie (state `Z` in /proc) counts as gone.
    private func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.range(of: ") ", options: .backwards)
        else { return true }
        return !stat[afterName.upperBound...].hasPrefix("Z")
    }
}
