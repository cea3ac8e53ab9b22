import Foundation
import Testing

extension DeliveryScenarios {
    /// A deploy policy that needs two approvals from listed approvers, never from the person who deployed.
    @Suite("approvals")
    struct ApprovalEndToEndTests {
        static let rollout = """
            strategy:
              blueGreen: {}
            policy:
              approvals:
                count: 2
                approvers: [alice, bob, carol]
            """

        @Test("a deploy waiting for approvals that another deploy replaces is ended, and can no longer be approved")
        func supersededWhileWaiting() async throws {
            let world = try DeliveryWorld(rollout: Self.rollout)
            defer { world.stop() }
            try world.startServe()
            let first = try JSONSerialization.jsonObject(with: Data(try world.deploy("good").stdout.utf8)) as? [String: Any]
            let firstID = try #require(first?["id"] as? Int)
            #expect(try world.deploy("good2").status == 0)
            let late = try approve(world, firstID, by: "bob")
            #expect(late.status == 1)
            #expect(late.stderr.contains("deployment \(firstID) is not waiting for approval"), "\(late.stderr)")
            let history = try world.gantry(["deploy", "history", "web", "--server", world.server]).stdout
            #expect(history.contains("superseded by deployment \(firstID + 1) (good2) before it was approved"), "\(history)")
        }

        @Test(
            "a deploy waits for two approvals; the deployer and non-approvers do not count; then it proceeds",
            .timeLimit(.minutes(2)))
        func approvals() async throws {
            let world = try DeliveryWorld(rollout: Self.rollout)
            defer { world.stop() }
            try world.startServe()

            let apply = try world.deploy("good")
            #expect(apply.status == 0, "\(apply.stderr)")
            let record = try JSONSerialization.jsonObject(with: Data(apply.stdout.utf8)) as? [String: Any] ?? [:]
            let id = try #require(record["id"] as? Int, "no deployment id in: \(apply.stdout)")
            #expect((record["state"] as? String ?? "").hasPrefix("awaiting approval"), "\(record)")
            #expect((record["state"] as? String ?? "").contains("0 of 2 approvals"), "\(record)")
            try await expectWaiting(world, id: id)

            let bySelf = try approve(world, id, by: "alice")
            #expect(bySelf.status == 1, "the deployer approved her own deploy: \(bySelf.stdout)")
            #expect(
                bySelf.stderr.contains("alice started deployment \(id) and cannot approve it"), "\(bySelf.stderr)")
            // However she writes her name, her approval never counts.
            let capitalised = try approve(world, id, by: "Alice")
            #expect(capitalised.status != 0 || capitalised.stdout.contains("\"pending\""), "\(capitalised)")
            let byOutsider = try approve(world, id, by: "dave")
            #expect(byOutsider.stdout.contains("\\\"dave\\\" is not an approver"), "\(byOutsider)")
            try await expectWaiting(world, id: id)

            let first = try approve(world, id, by: "bob")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("\"pending\""), "\(first.stdout)")
            #expect(first.stdout.contains("1 of 2 approvals"), "\(first.stdout)")
            try await expectWaiting(world, id: id)

            let second = try approve(world, id, by: "carol")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("\"allowed\""), "\(second.stdout)")
            try await world.waitFor(timeout: 30) { try world.phase() == "succeeded" }
            let served = try world.versionsServed(10)
            #expect(served == ["good": 10], "\(served)")
            let deployment = try #require(world.history().first?["deployment"] as? [String: Any])
            #expect(deployment["id"] as? Int == id && deployment["startedBy"] as? String == "alice", "\(deployment)")
            #expect(deployment["outcome"] as? String == "success", "\(deployment)")
        }

        private func approve(_ world: DeliveryWorld, _ id: Int, by user: String) throws
            -> (status: Int32, stdout: String, stderr: String)
        {
            try world.gantry(["deploy", "approve", "\(id)", "--server", world.server, "--by", user, "--json"])
        }

        /// The deployment still waits: its state says so, no rollout runs and no replica was started.
        private func expectWaiting(_ world: DeliveryWorld, id: Int) async throws {
            try await Task.sleep(for: .milliseconds(300))
            let status = try world.serviceStatus()
            let deployment = status["deployment"] as? [String: Any] ?? [:]
            #expect(deployment["id"] as? Int == id, "\(status)")
            #expect((deployment["state"] as? String ?? "").hasPrefix("awaiting approval"), "\(status)")
            #expect(status["rollout"] == nil, "a rollout started before approval: \(status)")
            #expect(world.replicaProcesses().isEmpty, "replicas started before approval")
        }
    }
}

extension DeliveryScenarios {
    /// Branch rules: the CLI sends the repository's branch and commit with every deploy.
    @Suite("branch rules")
    struct BranchRuleEndToEndTests {
        @Test("a deploy from the repository's branch is allowed and records its commit; another branch is refused")
        func branchRule() async throws {
            let world = try DeliveryWorld(rollout: """
                strategy:
                  canary:
                    steps:
                      - setWeight: 50
                policy:
                  branches: [main, "release/*"]
                """)
            defer { world.stop() }
            try world.startServe()
            let head = try world.sandbox.shell("git rev-parse HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            let allowed = try world.deploy("good")
            #expect(allowed.status == 0, "\(allowed.stderr)")
            let record = try JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: Any] ?? [:]
            #expect(record["commit"] as? String == head, "\(allowed.stdout)")
            try await world.waitFor { try world.phase() == "succeeded" }

            let refused = try world.gantry([
                "deploy", "apply", ".gantry/services/web.yml", "--version", "good2", "--branch", "feature/login",
                "--server", world.server, "--by", "alice",
            ])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("branch \"feature/login\" may not deploy here"), "\(refused.stderr)")
        }
    }
}
