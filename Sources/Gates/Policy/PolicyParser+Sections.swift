import Diagnostics
import Workflows

extension PolicyParser {
    static let coverageKeys: [(key: String, kind: CoverageKind)] = [
        ("min-lines", .lines), ("min-branches", .branches), ("min-functions", .functions),
    ]

    mutating func tests(_ entry: YAMLEntry) -> TestsPolicy? {
        var tests = TestsPolicy(at: entry.key.location)
        guard !entry.value.isNull else { return tests }
        guard let entries = mapping(entry.value, "\"tests\"") else { return nil }
        checkKeys(
            entries, allowed: ["reports", "min-tests", "max-failed", "max-errored", "quarantine", "auto-quarantine", "select"],
            in: "\"tests\"")
        for item in entries {
            let what = "\"tests.\(item.key.text)\""
            switch item.key.text {
            case "reports": tests.reports = strings(item.value, what)
            case "min-tests": tests.minTests = count(item.value, what) ?? tests.minTests
            case "max-failed": tests.maxFailed = count(item.value, what) ?? tests.maxFailed
            case "max-errored": tests.maxErrored = count(item.value, what) ?? tests.maxErrored
            case "quarantine":
                tests.quarantine = strings(item.value, what)
                let written = (item.value.items ?? [item.value]).compactMap(\.scalar)
                for scalar in written where !scalar.text.contains("::") {
                    warning(
                        scalar.location,
                        "quarantine entry \"\(scalar.text)\" is not a test identifier like \"classname::name\", "
                            + "so it matches no test")
                }
            default: break
            }
        }
        return tests
    }

    mutating func coverage(_ entry: YAMLEntry) -> CoveragePolicy? {
        var coverage = CoveragePolicy(at: entry.key.location)
        let allowed = ["report"] + Self.coverageKeys.map(\.key) + ["changed-files"]
        guard let entries = entry.value.isNull ? [] : mapping(entry.value, "\"coverage\"") else { return nil }
        checkKeys(entries, allowed: allowed, in: "\"coverage\"")
        for item in entries {
            if item.key.text == "report" { coverage.reports = strings(item.value, "\"coverage.report\"") }
            if item.key.text == "changed-files" { coverage.changedFiles = changedFiles(item) }
        }
        coverage.minimums = minimums(entries, in: "coverage")
        if coverage.minimums.isEmpty && coverage.changedFiles == nil
            && entries.allSatisfy({ $0.key.text != "changed-files" })
        {
            error(
                entry.key.location,
                "\"coverage\" has no thresholds; add \"min-lines\", \"min-branches\", \"min-functions\" or \"changed-files\""
            )
        }
        return coverage
    }

    mutating func changedFiles(_ entry: YAMLEntry) -> ChangedFilesPolicy? {
        guard let entries = mapping(entry.value, "\"coverage.changed-files\"") else { return nil }
        checkKeys(entries, allowed: ["base"] + Self.coverageKeys.map(\.key), in: "\"coverage.changed-files\"")
        var policy = ChangedFilesPolicy(
            minimums: minimums(entries, in: "coverage.changed-files"), at: entry.key.location)
        if let base = entries.first(where: { $0.key.text == "base" }) {
            policy.base = string(base.value, "\"coverage.changed-files.base\"") ?? policy.base
        }
        if policy.minimums.isEmpty {
            error(
                entry.key.location,
                "\"coverage.changed-files\" has no thresholds; add \"min-lines\", \"min-branches\" or \"min-functions\""
            )
        }
        return policy
    }

    private mutating func minimums(_ entries: [YAMLEntry], in section: String) -> [CoverageKind: Threshold<Double>] {
        var minimums: [CoverageKind: Threshold<Double>] = [:]
        for (key, kind) in Self.coverageKeys {
            guard let item = entries.first(where: { $0.key.text == key }) else { continue }
            minimums[kind] = percentage(item.value, "\"\(section).\(key)\"")
        }
        return minimums
    }

    mutating func sarif(_ entry: YAMLEntry) -> SarifPolicy? {
        var sarif = SarifPolicy(at: entry.key.location)
        guard !entry.value.isNull else { return sarif }
        guard let entries = mapping(entry.value, "\"sarif\"") else { return nil }
        checkKeys(entries, allowed: ["files", "max"], in: "\"sarif\"")
        for item in entries {
            switch item.key.text {
            case "files": sarif.files = strings(item.value, "\"sarif.files\"")
            case "max":
                guard let levels = mapping(item.value, "\"sarif.max\"") else { continue }
                let names = SarifLevel.allCases.map(\.rawValue)
                checkKeys(levels, allowed: names, in: "\"sarif.max\" (SARIF levels)")
                sarif.maximums = [:]
                for level in levels {
                    guard let known = SarifLevel(rawValue: level.key.text) else { continue }
                    sarif.maximums[known] = count(level.value, "\"sarif.max.\(level.key.text)\"")
                }
                if levels.isEmpty { error(item.value.location, "\"sarif.max\" is empty; name a level, like error: 0") }
            default: break
            }
        }
        return sarif
    }
}
