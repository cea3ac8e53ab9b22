/// Renders the proxy's metrics in the Prometheus text exposition format (version 0.0.4).
enum PrometheusText {
    /// The `Content-Type` to serve it with.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    struct Version {
        var name: String
        var weightPermille: Int
        var readyReplicas: Int
        var series: MetricsRecorder.Series
    }

    static func render(_ versions: [Version]) -> String {
        var out = ""
        out += "# HELP gantry_proxy_requests_total Requests proxied, by version and outcome class.\n"
        out += "# TYPE gantry_proxy_requests_total counter\n"
        for version in versions {
            for statusClass in StatusClass.allCases {
                let labels = "version=\"\(escape(version.name))\",code_class=\"\(statusClass.rawValue)\""
                out += "gantry_proxy_requests_total{\(labels)} \(version.series.total[statusClass])\n"
            }
        }
        out += "# HELP gantry_proxy_request_duration_seconds Time from reading a request's head to writing the end "
        out += "of its response.\n"
        out += "# TYPE gantry_proxy_request_duration_seconds histogram\n"
        for version in versions {
            let label = "version=\"\(escape(version.name))\""
            var cumulative: UInt64 = 0
            for (index, bound) in MetricsRecorder.bucketBounds.enumerated() {
                cumulative += version.series.buckets[index]
                out += "gantry_proxy_request_duration_seconds_bucket{\(label),le=\"\(format(bound))\"} \(cumulative)\n"
            }
            cumulative += version.series.buckets[MetricsRecorder.bucketBounds.count]
            out += "gantry_proxy_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(cumulative)\n"
            let seconds = format(Double(version.series.sumNanoseconds) / 1e9)
            out += "gantry_proxy_request_duration_seconds_sum{\(label)} \(seconds)\n"
            out += "gantry_proxy_request_duration_seconds_count{\(label)} \(cumulative)\n"
        }
        out += "# HELP gantry_proxy_weight_permille Share of weighted requests each version gets, in permille.\n"
        out += "# TYPE gantry_proxy_weight_permille gauge\n"
        for version in versions {
            out += "gantry_proxy_weight_permille{version=\"\(escape(version.name))\"} \(version.weightPermille)\n"
        }
        out += "# HELP gantry_proxy_ready_replicas Ready replicas each version is balanced across.\n"
        out += "# TYPE gantry_proxy_ready_replicas gauge\n"
        for version in versions {
            out += "gantry_proxy_ready_replicas{version=\"\(escape(version.name))\"} \(version.readyReplicas)\n"
        }
        return out
    }

    /// A label value with `\`, `"` and newlines escaped.
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// A number the way Prometheus prints it: no exponent for bucket bounds, shortest round-trip otherwise.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
