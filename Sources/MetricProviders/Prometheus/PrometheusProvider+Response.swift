import Foundation

// The result-shape rules: an answer must reduce to exactly one number.
//
// - `scalar` → its value.
// - `vector` with one sample → its value; with none → no data; with several → an error asking to aggregate.
// - `matrix` with one series → the last point of that series; none (or no points) → no data; several → error.
// - `string`, native histograms, unknown types → error.
// - a value of NaN or ±Inf → no data (it is what `0/0` — no requests — gives).
// - `status: error` (with `errorType`, `error`) or a non-2xx status → error carrying Prometheus's own message.
extension PrometheusProvider {
    /// Applies the shape rules to one HTTP answer.
    static func interpret(_ response: HTTPFetch.Response, query: String, at date: Date) -> MetricResult {
        let raw = response.text
        let document: JSONValue
        switch JSONValue.parse(response.body) {
        case .success(let parsed):
            document = parsed
        case .failure(let failure):
            let message =
                response.isSuccess
                ? "Prometheus answered \(failure.message)"
                : "Prometheus answered HTTP \(response.status) (not an API response)"
            return .error(message, query: query, raw: raw, at: date)
        }
        if document["status"]?.stringValue == "error" {
            let type = document["errorType"]?.stringValue ?? "error"
            let message = document["error"]?.stringValue ?? "no message"
            return .error("Prometheus \(type): \(message)", query: query, raw: raw, at: date)
        }
        guard response.isSuccess else {
            return .error("Prometheus answered HTTP \(response.status)", query: query, raw: raw, at: date)
        }
        guard document["status"]?.stringValue == "success", let data = document["data"],
            let resultType = data["resultType"]?.stringValue, let result = data["result"]
        else {
            return .error(
                "Prometheus answered JSON without status, data.resultType and data.result", query: query, raw: raw,
                at: date)
        }
        switch shape(resultType: resultType, result: result) {
        case .value(let number) where number.isFinite:
            return .value(number, query: query, raw: raw, at: date)
        case .value(let number):
            return .noData("query returned \(number.isNaN ? "NaN" : "\(number)")", query: query, raw: raw, at: date)
        case .noData(let reason):
            return .noData(reason, query: query, raw: raw, at: date)
        case .error(let message):
            return .error(message, query: query, raw: raw, at: date)
        }
    }

    /// What a result reduced to, before NaN and infinities are sorted out.
    private enum Shape {
        case value(Double)
        case noData(String)
        case error(String)
    }

    private static func shape(resultType: String, result: JSONValue) -> Shape {
        switch resultType {
        case "scalar":
            return point(result, what: "the scalar")
        case "vector", "matrix":
            guard let series = result.elements else { return .error("the \(resultType) result is not an array") }
            if series.isEmpty { return .noData("query returned no series") }
            if series.count > 1 {
                return .error(
                    "query returned \(series.count) series (\(labels(of: series))); aggregate it, e.g. sum(...)"
                )
            }
            if resultType == "vector" {
                if series[0]["histogram"] != nil { return nativeHistogram }
                return point(series[0]["value"], what: "the sample")
            }
            if series[0]["histograms"] != nil { return nativeHistogram }
            guard let points = series[0]["values"]?.elements else { return .error("the series has no values array") }
            guard let last = points.last else { return .noData("the series has no points in the range") }
            return point(last, what: "the last point")
        case "string":
            return .error("query returned a string, not a number")
        default:
            return .error("query returned an unknown result type \"\(resultType)\"")
        }
    }

    private static var nativeHistogram: Shape {
        .error("query returned a native histogram; reduce it to a number, e.g. histogram_quantile(0.99, ...)")
    }

    /// Reads a `[<unix time>, "<value>"]` pair.
    private static func point(_ pair: JSONValue?, what: String) -> Shape {
        guard let elements = pair?.elements, elements.count == 2, let text = elements[1].stringValue,
            let number = parseNumber(text)
        else {
            return .error("\(what) is not a [time, \"value\"] pair")
        }
        return .value(number)
    }

    /// The label sets of the first few series, for the "aggregate it" message: `{code="200"}, {code="500"}, …`.
    private static func labels(of series: [JSONValue]) -> String {
        let shown = series.prefix(3).map { element -> String in
            guard case .object(let labels)? = element["metric"] else { return "{}" }
            let pairs = labels.keys.sorted().map { "\($0)=\"\(labels[$0]?.stringValue ?? "")\"" }
            return "{\(pairs.joined(separator: ", "))}"
        }
        return shown.joined(separator: ", ") + (series.count > 3 ? ", …" : "")
    }
}
