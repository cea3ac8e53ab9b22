import Foundation
import Testing

/// `gantry tests select` and `gantry tests quarantine`, run as the real binary in a throwaway git repository.
@Suite("gantry tests, end to end")
struct TestsCommandTests {
    /// Runs `command` (a shell command line, `$GANTRY` being the binary) in `directory`.
    static func shell(_ command: String, in directory: String) throws -> (status: Int32, stdout: String, stderr: String)
    {
        let binary = try #require(FlakySimulationTests.binary, "build gantry first (swift build), or set GANTRY_BINARY")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(["GANTRY": binary]) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The commands write little, far less than a pipe holds, so reading one pipe and then the other cannot stall.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test("select: rule-mapped changes select their tests, an unmapped change selects all, no change selects nothing")
    func select() throws {
        let root = NSTemporaryDirectory() + "gantry-select-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/.gantry", withIntermediateDirectories: true)
        try """
        tests:
          select:
            - {paths: ["src/api/**"], tests: ["tests/api"]}
            - {paths: [".gantry/**", "docs/**"], tests: []}
        """.write(toFile: root + "/.gantry/gates.yml", atomically: true, encoding: .utf8)
        let setup = """
            git init -q -b main && mkdir -p src/api src/core && echo a > src/api/a.py && echo b > src/core/b.py \
            && git add -A && git -c user.name=t -c user.email=t@t commit -qm one
            """
        #expect(try Self.shell(setup, in: root).status == 0)
        let none = try Self.shell("\"$GANTRY\" tests select --base main", in: root)
        #expect(none.status == 0 && none.stdout.isEmpty && none.stderr == "nothing to run: no file changed\n")
        let some = try Self.shell("echo x >> src/api/a.py && \"$GANTRY\" tests select --base main", in: root)
        #expect(some.stdout == "tests/api\n" && some.stderr == "1 test selected for 1 changed file\n")
        let all = try Self.shell("echo y > src/core/new.py && \"$GANTRY\" tests select --base main", in: root)
        #expect(all.stdout == "all\n")
        #expect(all.stderr.contains("\"src/core/new.py\" maps to no test"), "\(all.stderr)")
        let json = try Self.shell("\"$GANTRY\" tests select --base main --format json", in: root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let selection = object?["selection"] as? [String: Any]
        #expect(
            selection?["mode"] as? String == "all" && selection?["unmappedFiles"] as? [String] == ["src/core/new.py"])
        let unknown = try Self.shell("\"$GANTRY\" tests select --base no-such-ref", in: root)
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
    }

    @Test("quarantine: add, list as JSON, remove, and removing again fails")
    func quarantine() throws {
        let root = NSTemporaryDirectory() + "gantry-quarantine-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let add = try Self.shell(
            "\"$GANTRY\" tests quarantine add 'a.B::test_x' --reason 'races #12' --by ann", in: root)
        #expect(add.status == 0 && add.stdout == "quarantined \"a.B::test_x\"\n")
        let list = try Self.shell("\"$GANTRY\" tests quarantine list --format json", in: root)
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.count == 1)
        #expect(
            entries?.first?["identifier"] as? String == "a.B::test_x" && entries?.first?["addedBy"] as? String == "ann")
        #expect(entries?.first?["reason"] as? String == "races #12" && entries?.first?["automatic"] as? Bool == false)
        #expect(try Self.shell("\"$GANTRY\" tests quarantine remove 'a.B::test_x'", in: root).status == 0)
        #expect(try Self.shell("\"$GANTRY\" tests quarantine remove 'a.B::test_x'", in: root).status == 1)
        #expect(try Self.shell("\"$GANTRY\" tests quarantine list", in: root).stdout == "no test is quarantined\n")
    }
}
