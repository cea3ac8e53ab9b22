import Foundation
import GRDB
import Persistence

extension SQLiteStore: DeliveryStore {
    private static let deploymentColumns = """
        id, service, environment, version, previous_version, commit_sha, strategy, started_by, started_at, \
        finished_at, state, outcome, reason, break_glass_reason
        """

    public func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord {
        try await write("cannot record a deployment of \"\(deployment.service)\"") { db in
            var deployment = deployment
            deployment.startedAt = deployment.startedAt.roundedForStorage
            try db.cachedStatement(
                sql: """
                    INSERT INTO deployment (service, environment, version, previous_version, commit_sha, strategy,
                        started_by, started_at, finished_at, state, outcome, reason, break_glass_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                deployment.service, deployment.environment, deployment.version, deployment.previousVersion,
                deployment.commit, deployment.strategy, deployment.startedBy, deployment.startedAt.storedSeconds,
                deployment.finishedAt?.storedSeconds, deployment.state, deployment.outcome?.rawValue,
                deployment.reason, deployment.breakGlassReason,
            ])
            deployment.id = db.lastInsertedRowID
            return deployment
        }
    }

    public func appendTransition(_ transition: TransitionRecord, outcome: DeploymentOutcome?, reason: String?) async throws {
        try await write("cannot record a transition of deployment \(transition.deploymentID)") { db in
            try db.cachedStatement(
                sql: "INSERT INTO transition (deployment_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [
                transition.deploymentID, transition.at.storedSeconds, transition.from, transition.to, transition.detail,
            ])
            if let outcome {
                try db.cachedStatement(
                    sql: "UPDATE deployment SET state = ?, outcome = ?, reason = ?, finished_at = ? WHERE id = ?"
                ).execute(arguments: [transition.to, outcome.rawValue, reason, transition.at.storedSeconds, transition.deploymentID])
            } else {
                try db.cachedStatement(sql: "UPDATE deployment SET state = ? WHERE id = ?")
                    .execute(arguments: [transition.to, transition.deploymentID])
            }
            if db.changesCount == 0 { throw StoreError(.notFound, "there is no deployment with id \(transition.deploymentID)") }
        }
    }

    public func insertMeasurement(_ measurement: MeasurementRecord) async throws {
        try await write("cannot record a measurement of deployment \(measurement.deploymentID)") { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO measurement (deployment_id, at, template, metric, provider, query, raw, value, condition, verdict)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                measurement.deploymentID, measurement.at.storedSeconds, measurement.template, measurement.metric,
                measurement.provider, measurement.query, measurement.raw, measurement.value, measurement.condition,
                measurement.verdict,
            ])
        }
    }

    public func addApproval(_ approval: ApprovalRecord) async throws {
        try await write("cannot record an approval of deployment \(approval.deploymentID)") { db in
            try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO approval (deployment_id, approver, at) VALUES (?, ?, ?)"
            ).execute(arguments: [approval.deploymentID, approval.approver, approval.at.storedSeconds])
        }
    }

    public func deployment(id: Int64) async throws -> DeploymentRecord? {
        try await read("cannot read deployment \(id)") { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.deploymentColumns) FROM deployment WHERE id = ?"), arguments: [id]
            ).map(Self.deploymentRecord)
        }
    }

    public func deployments(service: String?, limit: Int) async throws -> [DeploymentRecord] {
        try await read("cannot list deployments") { db in
            let filter = service == nil ? "" : "WHERE service = ?"
            let arguments: StatementArguments = service.map { [$0, max(limit, 0)] } ?? [max(limit, 0)]
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.deploymentColumns) FROM deployment \(filter) ORDER BY id DESC LIMIT ?"),
                arguments: arguments
            ).map(Self.deploymentRecord)
        }
    }

    public func unfinishedDeployments() async throws -> [DeploymentRecord] {
        try await read("cannot list unfinished deployments") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Self.deploymentColumns) FROM deployment WHERE outcome IS NULL ORDER BY id")
            ).map(Self.deploymentRecord)
        }
    }

    public func lastPromotedVersion(service: String, environment: String) async throws -> String? {
        try await read("cannot read the promoted version of \"\(service)\"") { db in
            try String.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT version FROM deployment WHERE service = ? AND environment = ? AND outcome = 'success'
                        ORDER BY id DESC LIMIT 1
                        """),
                arguments: [service, environment])
        }
    }

    public func transitions(deploymentID: Int64) async throws -> [TransitionRecord] {
        try await read("cannot list transitions of deployment \(deploymentID)") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT id, deployment_id, at, from_state, to_state, detail FROM transition WHERE deployment_id = ? ORDER BY id"),
                arguments: [deploymentID]
            ).map { row in
                TransitionRecord(
                    id: row["id"], deploymentID: row["deployment_id"], at: Date(storedSeconds: row["at"]),
                    from: row["from_state"], to: row["to_state"], detail: row["detail"])
            }
        }
    }

    public func measurements(deploymentID: Int64, limit: Int) async throws -> [MeasurementRecord] {
        try await read("cannot list measurements of deployment \(deploymentID)") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, deployment_id, at, template, metric, provider, query, raw, value, condition, verdict
                        FROM measurement WHERE deployment_id = ? ORDER BY id DESC LIMIT ?
                        """),
                arguments: [deploymentID, max(limit, 0)]
            ).map { row in
                MeasurementRecord(
                    id: row["id"], deploymentID: row["deployment_id"], at: Date(storedSeconds: row["at"]),
                    template: row["template"], metric: row["metric"], provider: row["provider"], query: row["query"],
                    raw: row["raw"], value: row["value"], condition: row["condition"], verdict: row["verdict"])
            }.reversed()
        }
    }

    public func approvals(deploymentID: Int64) async throws -> [ApprovalRecord] {
        try await read("cannot list approvals of deployment \(deploymentID)") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT deployment_id, approver, at FROM approval WHERE deployment_id = ? ORDER BY at"),
                arguments: [deploymentID]
            ).map { ApprovalRecord(deploymentID: $0["deployment_id"], approver: $0["approver"], at: Date(storedSeconds: $0["at"])) }
        }
    }

    private static func deploymentRecord(_ row: Row) throws -> DeploymentRecord {
        let id: Int64 = row["id"]
        let outcomeText: String? = row["outcome"]
        var outcome: DeploymentOutcome?
        if let outcomeText {
            guard let parsed = DeploymentOutcome(rawValue: outcomeText) else {
                throw StoreError(.corruptRecord, "deployment \(id) has an unknown outcome \"\(outcomeText)\"")
            }
            outcome = parsed
        }
        return DeploymentRecord(
            id: id, service: row["service"], environment: row["environment"], version: row["version"],
            previousVersion: row["previous_version"], commit: row["commit_sha"], strategy: row["strategy"],
            startedBy: row["started_by"], startedAt: Date(storedSeconds: row["started_at"]),
            finishedAt: (row["finished_at"] as Double?).map(Date.init(storedSeconds:)), state: row["state"],
            outcome: outcome, reason: row["reason"], breakGlassReason: row["break_glass_reason"])
    }
}
