import AsyncHTTPClient
import Foundation

/// Measures a number read from a JSON answer to an HTTP GET.
///
/// Rules: a non-2xx status, a body that is not JSON, or a path that cannot be parsed is an error; a path that
/// leads nowhere, or to `null`, is no data; a number, or a string holding one (`"0.5"`), is the value; `true` and
/// `false` are 1 and 0; `NaN` and infinities are no data; anything else (an object, a word) is an error.
public struct WebProvider: MetricProvider {
    /// The provider's YAML key.
    public static let id = "web"

    private let fetch: HTTPFetch

    /// A provider sending its requests through `client`.
    public init(client: HTTPClient = .shared) {
        self.fetch = HTTPFetch(client: client)
    }

    /// GETs the URL in `query.text` and reads `jsonPath` from the answer; never throws (see `MetricProvider`).
    public func measure(_ query: MetricQuery, at date: Date) async -> MetricResult {
        guard case .web(let options) = query.options else { return mismatch(query, at: date) }
        let rendered = "GET \(query.text) | \(options.jsonPath)"
        let path: JSONPath
        do {
            path = try JSONPath(options.jsonPath)
        } catch {
            return .error(error.message, query: rendered, at: date)
        }
        let response: HTTPFetch.Response
        switch await fetch.get(query.text, headers: options.headers, timeout: query.timeout) {
        case .failure(let failure):
            return .error(failure.message, query: rendered, at: date)
        case .success(let answer):
            response = answer
        }
        let raw = response.text
        guard response.isSuccess else {
            return .error("GET \(query.text) answered HTTP \(response.status)", query: rendered, raw: raw, at: date)
        }
        let document: JSONValue
        switch JSONValue.parse(response.body) {
        case .success(let parsed): document = parsed
        case .failure(let failure):
            return .error("the answer is \(failure.message)", query: rendered, raw: raw, at: date)
        }
        switch path.resolve(in: document) {
        case .failure(let missing):
            return .noData(missing.message, query: rendered, raw: raw, at: date)
        case .success(let found):
            return Self.number(from: found, path: path, query: rendered, raw: raw, at: date)
        }
    }

    /// Turns the value found at the path into a result.
    private static func number(
        from found: JSONValue,
        path: JSONPath,
        query: String,
        raw: String,
        at date: Date
    ) -> MetricResult {
        let number: Double
        switch found {
        case .number(let value):
            number = value
        case .bool(let flag):
            number = flag ? 1 : 0
        case .string(let text):
            guard let value = parseNumber(text) else {
                return .error("\(path) is \(found.kindDescription), not a number", query: query, raw: raw, at: date)
            }
            number = value
        case .null:
            return .noData("\(path) is null", query: query, raw: raw, at: date)
        case .array, .object:
            return .error("\(path) is \(found.kindDescription), not a number", query: query, raw: raw, at: date)
        }
        guard number.isFinite else {
            return .noData("\(path) is \(number.isNaN ? "NaN" : "\(number)")", query: query, raw: raw, at: date)
        }
        return .value(number, query: query, raw: raw, at: date)
    }
}
