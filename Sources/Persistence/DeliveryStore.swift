import Foundation

/// Deployments, their transitions, measurements and approvals: the history behind every "why did it roll back?".
///
/// Contract: every method is one transaction. `appendTransition` is called before the controller acts on the
/// transition, so that after a crash the last stored state says what may have been under way. Methods throw
/// `StoreError` (`notFound` for an unknown deployment id).
public protocol DeliveryStore: Sendable {
    /// Stores a new deployment; assigns its id.
    func insertDeployment(_ deployment: DeploymentRecord) async throws -> DeploymentRecord
    /// Records a state change and updates the deployment's current state (and its end, when `outcome` is set).
    func appendTransition(
        _ transition: TransitionRecord, outcome: DeploymentOutcome?, reason: String?
    ) async throws
    func insertMeasurement(_ measurement: MeasurementRecord) async throws
    func addApproval(_ approval: ApprovalRecord) async throws
    func deployment(id: Int64) async throws -> DeploymentRecord?
    /// Newest first; all services when `service` is nil.
    func deployments(service: String?, limit: Int) async throws -> [DeploymentRecord]
    /// Deployments without an outcome (under way, or interrupted by a crash).
    func unfinishedDeployments() async throws -> [DeploymentRecord]
    /// The version of the latest successful deployment of `service` in `environment`.
    func lastPromotedVersion(service: String, environment: String) async throws -> String?
    func transitions(deploymentID: Int64) async throws -> [TransitionRecord]
    func measurements(deploymentID: Int64, limit: Int) async throws -> [MeasurementRecord]
    func approvals(deploymentID: Int64) async throws -> [ApprovalRecord]
}
