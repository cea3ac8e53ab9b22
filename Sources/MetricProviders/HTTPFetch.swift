import AsyncHTTPClient
import Foundation
import NIOCore

/// One bounded HTTP GET, as the Prometheus and web providers need it: a deadline, a body size limit, and failures
/// turned into one readable line.
struct HTTPFetch: Sendable {
    /// A completed exchange.
    struct Response: Sendable {
        /// The HTTP status code.
        var status: Int
        /// The body, at most `maximumBodyBytes` long.
        var body: [UInt8]
        /// The body as text (invalid UTF-8 replaced), for `MetricResult.raw`.
        var text: String { String(decoding: body, as: UTF8.self) }
        /// Whether the status is 2xx.
        var isSuccess: Bool { (200..<300).contains(status) }
    }

    /// Why no response came back: one lower-case line naming the URL.
    struct Failure: Error, Sendable {
        /// The message.
        var message: String
    }

    /// The largest body read; a larger one is an error, not a silently cut document.
    static let maximumBodyBytes = 8 * 1024 * 1024

    /// The client that sends the request.
    var client: HTTPClient

    /// GETs `url` with `headers`, giving up after `timeout`.
    func get(_ url: String, headers: [String: String] = [:], timeout: Duration) async -> Result<Response, Failure> {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else {
            return .failure(Failure(message: "\"\(url)\" is not an http(s) URL"))
        }
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: name, value: value)
        }
        let client = self.client
        let prepared = request
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.seconds * 1e9))
        do {
            // AsyncHTTPClient's deadline ends with the response head; the race bounds the body too. Its margin lets
            // the client's own deadline win while connecting, as it reports the last connection error.
            return try await withTimeout(timeout + .milliseconds(250)) {
                let response = try await client.execute(prepared, deadline: deadline)
                let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
                return .success(Response(status: Int(response.status.code), body: Array(buffer: body)))
            }
        } catch is TimeoutError {
            return .failure(Failure(message: "GET \(Self.withoutQuery(url)) timed out after \(timeout.rendered)"))
        } catch {
            return .failure(Failure(message: describe(error, url: Self.withoutQuery(url), timeout: timeout)))
        }
    }

    /// The URL without its query string, which for Prometheus repeats the whole (already recorded) query.
    private static func withoutQuery(_ url: String) -> String {
        String(url.prefix { $0 != "?" })
    }

    /// One line for a transport error; the common ones in plain words, the rest as the library names them.
    private func describe(_ error: any Error, url: String, timeout: Duration) -> String {
        if error is CancellationError {
            return "GET \(url) was cancelled"
        }
        if error is NIOTooManyBytesError {
            return "GET \(url) answered more than \(Self.maximumBodyBytes) bytes"
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return "GET \(url) timed out after \(timeout.rendered)"
            case .cancelled:
                return "GET \(url) was cancelled"
            default:
                return "GET \(url) failed: \(error)"
            }
        }
        return "GET \(url) failed: \(error)"
    }
}
