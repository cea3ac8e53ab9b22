/// Options of a web query: where in the JSON answer the number is, and what headers to send.
public struct WebOptions: Sendable, Hashable {
    /// The path to the number: `$.data.ratio`, `$.items[0].value`, `data.items.0.value`, `$['odd key']`.
    public var jsonPath: String
    /// Request headers (`Authorization`, `Accept` …), sent in name order.
    public var headers: [String: String]

    /// Options reading `jsonPath` from the answer, sending `headers`.
    public init(jsonPath: String, headers: [String: String] = [:]) {
        self.jsonPath = jsonPath
        self.headers = headers
    }
}
