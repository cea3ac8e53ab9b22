import Diagnostics
import Workflows

extension PolicyParser {
    mutating func metrics(_ entry: YAMLEntry) -> [MetricPolicy] {
        guard let items = entry.value.items else {
            error(
                entry.value.location, "\"metrics\" must be a list of metrics, but it is \(entry.value.kindDescription)")
            return []
        }
        var metrics: [MetricPolicy] = []
        var names: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard let metric = metric(item, index: index) else { continue }
            if let first = names[metric.name] {
                error(
                    item.location, "metric \"\(metric.name)\" is defined more than once; give one of them a \"name\"",
                    notes: [.init(location: first, message: "first defined here")])
            }
            names[metric.name] = names[metric.name] ?? item.location
            metrics.append(metric)
        }
        return metrics
    }

    private mutating func metric(_ value: YAMLValue, index: Int) -> MetricPolicy? {
        let what = "metric \(index + 1)"
        guard let entries = mapping(value, what) else { return nil }
        checkKeys(entries, allowed: ["name", "file", "path", "min", "max"], in: what)
        let field = { (key: String) in entries.first { $0.key.text == key }?.value }
        let name = field("name").flatMap { string($0, "the name of \(what)") }
        var file: String?
        var path: JSONPath?
        if let value = field("file") {
            file = string(value, "\"file\" of \(what)")
        } else {
            error(value.location, "\(what) needs \"file\", the JSON file to read")
        }
        if let value = field("path") {
            path = jsonPath(value, what)
        } else {
            error(
                value.location,
                "\(what) needs \"path\", where in the JSON the number is (like categories.performance.score)")
        }
        let min = field("min").flatMap { number($0, "\"min\" of \(what)") }
        let max = field("max").flatMap { number($0, "\"max\" of \(what)") }
        if field("min") == nil && field("max") == nil {
            error(value.location, "\(what) needs \"min\", \"max\" or both")
        }
        if let min, let max, min.value > max.value {
            error(
                min.location,
                "\"min\" of \(what) is \(NumberText.plain(min.value)), above its \"max\" of \(NumberText.plain(max.value)), so nothing can pass",
                notes: [.init(location: max.location, message: "\"max\" is here")])
        }
        guard let file, let path else { return nil }
        return MetricPolicy(name: name, file: file, path: path, min: min, max: max, at: value.location)
    }

    private mutating func jsonPath(_ value: YAMLValue, _ what: String) -> JSONPath? {
        guard let scalar = value.scalar else {
            error(value.location, "\"path\" of \(what) must be a string, but it is \(value.kindDescription)")
            return nil
        }
        do {
            return try JSONPath(scalar.text)
        } catch {
            self.error(
                scalar.location(ofOffset: error.offset),
                "invalid JSON path \"\(scalar.text)\" in \(what): \(error.message)")
            return nil
        }
    }
}
