import AsyncHTTPClient
import Foundation
import NIOCore

/// The CLI's side of the control API: one request, its JSON answer, and the server's error message when it refused.
public struct ControlClient: Sendable {
    public var baseURL: String

    public init(baseURL: String = "http://127.0.0.1:7575") {
        self.baseURL = baseURL
    }

    /// An answer: the HTTP status and the JSON body.
    public struct Answer: Sendable {
        public var status: Int
        public var body: Data

        /// The server's `error` message, if it sent one.
        public var error: String? {
            (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String
        }
    }

    public func get(_ path: String) async throws -> Answer { try await send("GET", path, body: nil) }

    public func post(_ path: String, _ body: [String: String]) async throws -> Answer {
        try await send("POST", path, body: try JSONSerialization.data(withJSONObject: body))
    }

    func send(_ method: String, _ path: String, body: Data?) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            let buffer = try await response.body.collect(upTo: 16 << 20)
            return Answer(status: Int(response.status.code), body: Data(buffer.readableBytesView))
        } catch {
            throw ControlClientError(
                message: "cannot reach gantry serve at \(baseURL) (\(error)); start it with: gantry serve")
        }
    }
}

public struct ControlClientError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
