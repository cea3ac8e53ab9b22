import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `script` target under `gantry serve`: the user's hooks deploy and route; Gantry runs them in order.
@Suite("script target, end to end")
struct ScriptTargetTests {
    @Test("a canary runs the deploy, scale, setWeight and promote hooks; a failed one runs rollback with the version returned to")
    func hooks() async throws {
        let apiPort = try DeliveryWorld.freePort()
        let sandbox = try Sandbox(files: [
            "hooks/log.sh": "#!/bin/sh\necho \"$HOOK $VERSION $ROLE $REPLICAS $WEIGHTS$FAILED_VERSION\" >> hooks.log\n",
            "hooks/health.sh": "#!/bin/sh\ntest \"$VERSION\" != broken\n",
            ".gantry/services/api.yml": """
            service: api
            environment: test
            target:
              script:
                deploy: ["sh", "hooks/log.sh"]
                setWeight: ["sh", "hooks/log.sh"]
                stop: ["sh", "hooks/log.sh"]
                promote: ["sh", "hooks/log.sh"]
                rollback: ["sh", "hooks/log.sh"]
                health: ["sh", "hooks/health.sh"]
                timeout: 3s
                replicas: 2
            strategy:
              canary:
                steps:
                  - setWeight: 20
                  - setWeight: 100
            """,
        ])
        defer { sandbox.remove() }
        let serve = try ServeProcess(in: sandbox.root, port: apiPort)
        defer { serve.stop() }
        let server = serve.url
        for version in ["v1", "v2"] {
            let apply = try sandbox.gantry(["deploy", "apply", ".gantry/services/api.yml", "--version", version, "--server", server, "--by", "bob"])
            #expect(apply.status == 0, "\(apply.stderr)")
            var log = ""
            for _ in 0..<100 {
                log = (try? sandbox.read("hooks.log")) ?? ""
                if log.contains("setWeight") && log.contains(version) && log.contains("=1000") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(300))
        }
        let broken = try sandbox.gantry(["deploy", "apply", ".gantry/services/api.yml", "--version", "broken", "--server", server, "--by", "bob"])
        #expect(broken.status == 0, "\(broken.stderr)")
        for _ in 0..<200 where !((try? sandbox.read("hooks.log")) ?? "").contains("rollback") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = try sandbox.read("hooks.log")
        #expect(log.contains("promote v2 stable 2"), "\(log)")
        #expect(log.contains("rollback v2 stable 2 broken"), "the rollback hook names the version returned to and the failed one: \(log)")
        #expect(log.contains("deploy v1"), "\(log)")
        #expect(log.contains("deploy v2 canary 1"), "\(log)")
        #expect(log.contains("setWeight v2 canary 1 stable=600 canary=200 baseline=200"), "\(log)")
        #expect(log.contains("canary=1000"), "\(log)")
    }
}
