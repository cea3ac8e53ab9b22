import Delivery
import Foundation
import Testing

@Suite("rollout spec parser")
struct SpecParserTests {
    static func parse(_ name: String) throws -> RolloutSpec {
        let url = SpecGoldenTests.fixtures.appendingPathComponent("ok/\(name).yml")
        let (spec, diagnostics) = RolloutSpecParser.parse(try String(contentsOf: url, encoding: .utf8), path: name)
        #expect(diagnostics.isEmpty)
        return try #require(spec)
    }

    @Test("the documented canary spec reads into the model it describes")
    func canary() throws {
        let spec = try Self.parse("web-canary-local")
        #expect(spec.service == "web")
        #expect(spec.environment == "production")
        guard case .local(let local) = spec.target, case .canary(let canary) = spec.strategy else {
            Issue.record("expected a local target and a canary")
            return
        }
        #expect(local.command == ["./releases/${VERSION}/server", "--port", "${PORT}"])
        #expect(local.replicas == 4)
        #expect(
            local.readiness
                == ReadinessProbe(
                    path: "/healthz", interval: .seconds(1), timeout: .milliseconds(500), failureThreshold: 3,
                    startTimeout: .seconds(60)))
        #expect(local.drain.grace == .seconds(20))
        #expect(
            canary.steps == [
                .setWeight(.percent(10)), .pause(.seconds(300)), .analysis(["p99-latency"]), .setWeight(.percent(50)),
                .pause(nil),
            ])
        #expect(
            canary.backgroundAnalysis
                == CanaryStrategy.BackgroundAnalysis(templates: ["error-rate", "latency"], startingStep: 0))
        #expect(canary.scaleDownDelay == .seconds(600))
        let p99 = try #require(spec.analysis["p99-latency"])
        #expect(p99.count == 10)
        #expect(p99.interval == .seconds(30))
        #expect(p99.successCondition?.source == "result < 0.3 && result <= baseline * 1.2")
        #expect(p99.failureLimit == 1)
        #expect(spec.analysis["error-rate"]?.judge == .errorRate(ErrorRateJudge()))
        #expect(spec.analysis["error-rate"]?.interval == .seconds(1))
        #expect(spec.policy.freeze.windows.map(\.name) == ["friday-afternoon", "year-end"])
        #expect(spec.policy.approvals == ApprovalRequirement(count: 2, timeout: .seconds(4 * 3600)))
        #expect(spec.policy.waitTimer == .seconds(300))
        #expect(
            spec.policy.requires == [
                EnvironmentRequirement(environment: "staging", url: "https://staging.example.com/healthz")
            ])
    }

    @Test("blue-green on Kubernetes and rolling with script hooks read as written")
    func otherStrategies() throws {
        let api = try Self.parse("api-blue-green-kubernetes")
        #expect(
            api.strategy
                == .blueGreen(
                    BlueGreenStrategy(
                        prePromotionAnalysis: ["smoke"], postPromotionAnalysis: ["success-rate"], autoPromote: false,
                        scaleDownDelay: .seconds(24 * 3600))))
        guard case .kubernetes(let kubernetes) = api.target else {
            Issue.record("expected a kubernetes target")
            return
        }
        #expect(kubernetes.traffic == .service(name: "api"))
        #expect(!api.target.supportsPartialWeights)
        let worker = try Self.parse("worker-rolling-script")
        #expect(
            worker.strategy
                == .rolling(
                    RollingStrategy(maxSurge: .percent(25), maxUnavailable: .count(0), analysis: ["queue-errors"])))
        guard case .script(let script) = worker.target else {
            Issue.record("expected a script target")
            return
        }
        #expect(script.setWeight == .shell("./deploy/route.sh ${ROLE} ${WEIGHT}"))
        #expect(script.deploy == .arguments(["./deploy/start.sh", "${VERSION}", "${ROLE}", "${REPLICAS}"]))
        #expect(
            worker.analysis["queue-errors"]?.provider
                == .command(arguments: ["./scripts/error-count.sh", "${VERSION}"], timeout: .seconds(30)))
    }

    @Test("a parsed spec survives a JSON round trip, for storing it with a rollout")
    func codable() throws {
        let spec = try Self.parse("web-canary-local")
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(RolloutSpec.self, from: data) == spec)
    }

    @Test(
        "durations read and print in the spec's units",
        arguments: [
            ("30s", Duration.seconds(30), "30s"), ("5m", .seconds(300), "5m"), ("24h", .seconds(86_400), "24h"),
            ("500ms", .milliseconds(500), "500ms"), ("1h30m", .seconds(5400), "1h30m"), ("90s", .seconds(90), "1m30s"),
        ]
    )
    func durations(text: String, duration: Duration, printed: String) {
        #expect(DurationFormat.parse(text) == duration)
        #expect(DurationFormat.format(duration) == printed)
    }

    @Test("text that is not a duration does not parse", arguments: ["", "30", "5 m", "m5", "1.5h", "1d", "-5s", "5mm"])
    func notDurations(text: String) {
        #expect(DurationFormat.parse(text) == nil)
    }

    @Test(
        "weights are tenths of a percent",
        arguments: [(12.5, 125, "12.5%"), (10, 100, "10%"), (0.1, 1, "0.1%"), (100, 1000, "100%")])
    func weights(percent: Double, permille: Int, text: String) {
        #expect(Weight(percent: percent).permille == permille)
        #expect(Weight(percent: percent).description == text)
    }

    @Test("placeholders are filled in and unknown ones are kept")
    func placeholders() {
        let text = Placeholder.expand(
            "./releases/${VERSION}/server --port ${PORT} ${OTHER} ${", [.version: "1.4.2", .port: "8081"])
        #expect(text == "./releases/1.4.2/server --port 8081 ${OTHER} ${")
    }
}
