import Foundation

/// The control API's JSON answers as text for people: `gantry deploy status`, `history`, `apply` and the verbs
/// print this unless `--json` asks for the answer as it came.
enum DeployText {
    typealias Object = [String: Any]

    /// One service: versions, the rollout's phase, step, weights and replicas, and the latest measurements.
    static func status(_ object: Object) -> String {
        var lines: [String] = []
        let service = object["service"] as? String ?? "?"
        let environment = object["environment"] as? String ?? "?"
        lines.append("\(service) (\(environment))  stable \(object["stableVersion"] as? String ?? "none")")
        if let rollout = object["rollout"] as? Object {
            var headline =
                "  \(rollout["strategy"] as? String ?? "rollout") of \(rollout["version"] as? String ?? "?"): "
            headline += rollout["phase"] as? String ?? "?"
            if let step = rollout["step"] as? Int, let count = rollout["stepCount"] as? Int {
                headline += ", step \(step + 1)/\(count)"
            }
            if let attempt = rollout["attempt"] as? Int, attempt > 1 { headline += ", attempt \(attempt)" }
            lines.append(headline)
            lines.append("  weights   " + shares(rollout["weights"] as? [String: Int] ?? [:], percent: true))
            lines.append("  replicas  " + shares(rollout["replicas"] as? [String: Int] ?? [:], percent: false))
            if let message = rollout["message"] as? String, !message.isEmpty { lines.append("  \(message)") }
        }
        if let deployment = object["deployment"] as? Object {
            lines.append("  deployment " + summary(deployment))
        }
        let measurements = object["measurements"] as? [Object] ?? []
        if !measurements.isEmpty {
            lines.append("  latest measurements:")
            for measurement in measurements.suffix(5).reversed() {
                let value = (measurement["value"] as? Double).map(number) ?? "no data"
                var line = "    \(time(measurement["at"])) \(measurement["phase"] as? String ?? "-") value \(value)"
                if let message = measurement["message"] as? String ?? measurement["error"] as? String {
                    line += "  \(message)"
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every service, one block each.
    static func statuses(_ list: [Object]) -> String {
        list.isEmpty
            ? "no services; deploy one with `gantry deploy apply .gantry/services/<name>.yml --version V`"
            : list.map(status).joined(separator: "\n\n")
    }

    /// Deployments newest first, each with its transitions, and the measurements behind a failure.
    static func history(_ entries: [Object]) -> String {
        guard !entries.isEmpty else { return "no deployments yet" }
        var lines: [String] = []
        for entry in entries {
            guard let deployment = entry["deployment"] as? Object else { continue }
            lines.append(summary(deployment))
            for transition in entry["transitions"] as? [Object] ?? [] {
                var line = "    \(time(transition["at"])) \(transition["to"] as? String ?? "")"
                if let detail = (transition["detail"] as? String).flatMap(parse),
                    let reason = detail["reason"] as? String ?? detail["message"] as? String, !reason.isEmpty
                {
                    line += " — \(reason)"
                }
                lines.append(line)
            }
            let failed = (entry["measurements"] as? [Object] ?? []).filter { $0["verdict"] as? String == "failed" }
            for measurement in failed.prefix(3) {
                let value = (measurement["value"] as? Double).map(number) ?? "no data"
                lines.append(
                    "    failed: \(measurement["template"] as? String ?? "") via \(measurement["provider"] as? String ?? "")"
                        + " value \(value), \(measurement["condition"] as? String ?? "")")
                if let query = measurement["query"] as? String, !query.isEmpty { lines.append("      query: \(query)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `#12 v2 @1f3e9a2c by alice, canary, started 12:01:03: succeeded (promoted v2)`.
    static func summary(_ deployment: Object) -> String {
        var text = "#\(deployment["id"] as? Int ?? 0) \(deployment["version"] as? String ?? "?")"
        if let commit = deployment["commit"] as? String { text += " @\(commit.prefix(8))" }
        text += " by \(deployment["startedBy"] as? String ?? "?"), \(deployment["strategy"] as? String ?? "?")"
        text += ", started \(time(deployment["startedAt"]))"
        if deployment["finishedAt"] != nil { text += ", finished \(time(deployment["finishedAt"]))" }
        text += ": \(deployment["outcome"] as? String ?? deployment["state"] as? String ?? "?")"
        if let reason = deployment["reason"] as? String, !reason.isEmpty { text += " (\(reason))" }
        if let override = deployment["breakGlassReason"] as? String { text += "\n    break-glass: \(override)" }
        return text
    }

    /// `stable 90.0%  canary 10.0%`, largest first.
    static func shares(_ values: [String: Int], percent: Bool) -> String {
        guard !values.isEmpty else { return "none" }
        return values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            percent ? "\($0.key) \(String(format: "%.1f", Double($0.value) / 10))%" : "\($0.key) \($0.value)"
        }.joined(separator: "  ")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.4g", value)
    }

    /// `2026-11-22 12:01:03` (UTC) from an ISO 8601 string.
    static func time(_ value: Any?) -> String {
        guard let text = value as? String else { return "-" }
        return text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }

    static func parse(_ text: String) -> Object? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? Object
    }
}
