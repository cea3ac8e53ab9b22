import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Progressive delivery with everything real: `gantry serve`, its proxy, the example service's releases as child
/// processes, `gantry load` as the users, all on 127.0.0.1 with free ports.
@Suite("progressive delivery, end to end", .serialized)
struct DeliveryEndToEndTests {
    @Test("a good version goes 5% -> 25% -> 100% with no failed request; a failing one is rolled back to stable")
    func canary() async throws {
        let world = try DeliveryWorld()
        defer { world.stop() }
        try world.startServe()
        #expect(try world.deploy("good").status == 0)
        try await world.waitFor { try world.status()["phase"] as? String == "succeeded" }

        let load = try world.startLoad(seconds: 16)
        #expect(try world.deploy("good2").status == 0)
        try await world.waitFor(timeout: 60) { try world.status()["phase"] as? String == "succeeded" }
        let summary = try load.finish()
        #expect(summary.contains("5xx") == false, "failed requests during a good canary: \(summary)")
        #expect(summary.contains("errors 0"), "\(summary)")

        let badLoad = try world.startLoad(seconds: 20)
        #expect(try world.deploy("bad").status == 0)
        try await world.waitFor(timeout: 60) { ["failed", "rolledBack", "aborted"].contains(try world.status()["phase"] as? String ?? "") }
        let weights = try world.status()["weights"] as? [String: Int] ?? [:]
        #expect(weights["stable"] == 1000 && (weights["canary"] ?? 0) == 0, "\(weights)")
        _ = try? badLoad.finish()
        for _ in 0..<20 {
            #expect(try world.get("/").contains("hello from good2"))
        }
        // What a person reads: where the traffic is, and the evidence behind the rollback.
        let status = try world.gantry(["deploy", "status", "web", "--server", world.server]).stdout
        #expect(status.contains("stable good2") && status.contains("weights   stable 100.0%"), "\(status)")
        let history = try world.gantry(["deploy", "history", "web", "--server", world.server]).stdout
        #expect(history.contains("#3 bad @") && history.contains("failed: errors via builtin"), "\(history)")
    }

    @Test("kill -9 of gantry serve mid-canary: after restart all traffic is on stable and the rollout is aborted by restart")
    func crashRecovery() async throws {
        let world = try DeliveryWorld(pauseForever: true)
        defer { world.stop() }
        try world.startServe()
        #expect(try world.deploy("good").status == 0)
        try await world.waitFor { try world.status()["phase"] as? String == "succeeded" }
        #expect(try world.deploy("good2").status == 0)
        try await world.waitFor { (try world.status()["weights"] as? [String: Int])?["canary"] ?? 0 > 0 }
        world.killServe()
        let restarted = ContinuousClock.now
        try world.startServe()
        try await world.waitFor(timeout: 5) { (try? world.get("/"))?.contains("hello from good\n") == true }
        #expect(ContinuousClock.now - restarted < .seconds(5) + .seconds(2))
        for _ in 0..<20 { #expect(try world.get("/") == "hello from good\n") }
        // The canary replica the killed server left behind was ended by the new one.
        let orphans = try Sandbox.execute(["/usr/bin/env", "pgrep", "-f", "server.py --version good2"], in: world.sandbox.root)
        #expect(orphans.stdout.isEmpty, "orphaned canary replicas still run: \(orphans.stdout)")
        let history = try world.gantry(["deploy", "history", "web", "--server", world.server])
        #expect(history.stdout.contains("aborted by restart"))
        let integrity = try Sandbox.execute(
            ["/usr/bin/env", "python3", "-c", "import sqlite3;print(sqlite3.connect('.gantry/gantry.db').execute('pragma integrity_check').fetchone()[0])"],
            in: world.sandbox.root)
        #expect(integrity.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("a freeze window refuses a deploy, naming the window and the next allowed time; --break-glass is recorded")
    func freezeWindow() async throws {
        let world = try DeliveryWorld(freezeAlways: true)
        defer { world.stop() }
        try world.startServe()
        let refused = try world.deploy("good")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("always-frozen"), "\(refused.stderr)")
        let forced = try world.gantry([
            "deploy", "apply", ".gantry/services/web.yml", "--version", "good", "--break-glass", "--reason", "hotfix for INC-42",
            "--server", world.server, "--by", "alice",
        ])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("hotfix for INC-42"))
    }
}
