import Delivery
import Diagnostics
import Foundation
import Hummingbird
import Persistence

/// The control API under `/api`: deploy, inspect and steer rollouts. JSON in, JSON out; errors are
/// `{"error": "..."}` with 400 (bad request), 404 (unknown), 409 (refused by policy or state) or 500 (a store or
/// target failure).
struct ServicesController: Sendable {
    let runtime: DeliveryRuntime
    let store: any DeliveryStore
    let root: String

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api")
        api.get("services") { _, _ in try await json(self.allStatuses()) }
        api.get("services/:service") { _, context in
            try await guarded { try await json(self.runtime.controller(context.parameters.require("service")).status()) }
        }
        api.post("deployments") { request, context in
            try await guarded {
                let body = try await request.decode(as: ApplyBody.self, context: context)
                let spec = try DeliveryRuntime.parse(path: body.spec, root: self.root)
                try await self.runtime.load(spec)
                let record = try await self.runtime.controller(spec.service).apply(body.request)
                return try json(record, status: .created)
            }
        }
        api.post("services/:service/:command") { request, context in
            try await guarded {
                let controller = try await self.runtime.controller(context.parameters.require("service"))
                let body = (try? await request.decode(as: CommandBody.self, context: context)) ?? CommandBody()
                try await controller.command(try body.event(context.parameters.require("command")))
                return try json(await controller.status())
            }
        }
        api.post("deployments/:id/approvals") { request, context in
            try await guarded {
                let id = try context.parameters.require("id", as: Int64.self)
                let body = try await request.decode(as: CommandBody.self, context: context)
                guard let record = try await self.store.deployment(id: id) else { throw NotFound("there is no deployment \(id)") }
                let decision = try await self.runtime.controller(record.service).approve(deploymentID: id, by: body.by ?? "")
                return try json(["status": decision.status.rawValue, "message": decision.message])
            }
        }
        api.get("services/:service/history") { _, context in
            try await guarded {
                let service = try context.parameters.require("service")
                let deployments = try await self.store.deployments(service: service, limit: 50)
                var entries: [HistoryEntry] = []
                for deployment in deployments {
                    entries.append(HistoryEntry(
                        deployment: deployment, transitions: try await self.store.transitions(deploymentID: deployment.id),
                        measurements: try await self.store.measurements(deploymentID: deployment.id, limit: 20)))
                }
                return try json(entries)
            }
        }
    }

    func allStatuses() async throws -> [ServiceStatus] {
        var statuses: [ServiceStatus] = []
        for name in await runtime.serviceNames { statuses.append(await try runtime.controller(name).status()) }
        return statuses
    }
}

struct ApplyBody: Decodable {
    var spec: String
    var version: String
    var by: String
    var commit: String?
    var branch: String?
    var breakGlassReason: String?

    var request: ApplyRequest {
        ApplyRequest(version: version, by: by, commit: commit, branch: branch, breakGlassReason: breakGlassReason)
    }
}

struct CommandBody: Decodable {
    var by: String?
    var reason: String?
    var full: String?

    func event(_ command: String) throws -> RolloutEvent {
        switch command {
        case "promote": return .promote(full: full == "true")
        case "pause": return .pause
        case "resume": return .resume
        case "abort": return .abort(reason: reason ?? "aborted by \(by ?? "a user")")
        case "retry": return .retry
        case "undo": return .undo
        default: throw BadRequest("unknown command \"\(command)\"; expected promote, pause, resume, abort, retry or undo")
        }
    }
}

struct HistoryEntry: Encodable {
    var deployment: DeploymentRecord
    var transitions: [TransitionRecord]
    var measurements: [MeasurementRecord]
}

struct NotFound: Error, CustomStringConvertible { var description: String; init(_ text: String) { description = text } }
struct BadRequest: Error, CustomStringConvertible { var description: String; init(_ text: String) { description = text } }

/// Encodes `value` as the JSON body of a response.
func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    return Response(
        status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// Runs a handler, turning Gantry's errors into JSON error responses with the right status.
func guarded(_ body: () async throws -> Response) async throws -> Response {
    do {
        return try await body()
    } catch let refusal as PolicyRefusal {
        return try json(
            ["error": refusal.decision.message, "next_allowed_at": refusal.decision.nextAllowedAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""],
            status: .conflict)
    } catch let error as DiagnosticError {
        return try json(["error": error.description], status: .badRequest)
    } catch let error as ControllerError {
        return try json(["error": error.message], status: .conflict)
    } catch let error as NotFound {
        return try json(["error": error.description], status: .notFound)
    } catch let error as BadRequest {
        return try json(["error": error.description], status: .badRequest)
    } catch let error as HTTPError {
        return try json(["error": "\(error)"], status: error.status)
    } catch let error as DecodingError {
        return try json(["error": "the request body is not what this endpoint takes: \(error)"], status: .badRequest)
    } catch {
        // Anything else (a store or target failure) is still answered in JSON, with what went wrong.
        return try json(["error": "\(error)"], status: .internalServerError)
    }
}
