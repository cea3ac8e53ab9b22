import Foundation

/// Reads lcov tracefiles (`genhtml`'s input) as gcov, llvm-cov export, c8, Istanbul/nyc, coverage.py and
/// `cargo llvm-cov` write them.
///
/// Each `SF:` record ends with `end_of_record`. Coverage is counted from the `DA`, `BRDA` and `FN`/`FNDA` lines, so
/// records of one file from several tests (`TN:`) merge; a file with only the `LF`/`LH`, `BRF`/`BRH` and
/// `FNF`/`FNH` totals uses those.
public enum LcovReader {
    /// Reads and parses the file at `path`; the report and its errors name it as given.
    public static func read(contentsOf path: String) throws(ReportError) -> CoverageReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses an lcov tracefile read from `path`.
    public static func parse(_ text: String, path: String) throws(ReportError) -> CoverageReport {
        var records: [String: Record] = [:]
        var order: [String] = []
        var record: Record?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = offset + 1
            if line.isEmpty { continue }
            if line == "end_of_record" {
                guard let finished = record else {
                    throw ReportError(
                        path: path, line: number, message: "end_of_record without an SF: record before it")
                }
                if records[finished.path] == nil { order.append(finished.path) }
                records[finished.path] = finished
                record = nil
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw ReportError(
                    path: path, line: number, message: "not an lcov line: expected KEY:value, found \"\(line)\"")
            }
            let key = String(line[..<colon])
            let value = String(line[line.index(after: colon)...])
            if key == "SF" {
                if record != nil {
                    throw ReportError(
                        path: path, line: number, message: "SF: before the previous record's end_of_record")
                }
                record = records[value] ?? Record(path: value)
                continue
            }
            guard ["DA", "LF", "LH", "BRDA", "BRF", "BRH", "FN", "FNDA", "FNF", "FNH"].contains(key) else { continue }
            guard record != nil else {
                throw ReportError(path: path, line: number, message: "\(key): outside a record; expected SF: first")
            }
            guard record!.add(key, value) else {
                throw ReportError(path: path, line: number, message: "invalid \(key): line \"\(line)\"")
            }
        }
        if let record {
            throw ReportError(
                path: path, message: "the record for \"\(record.path)\" has no end_of_record; was the file cut off?")
        }
        guard !order.isEmpty else {
            throw ReportError(path: path, message: "not an lcov report: it has no SF: records")
        }
        return CoverageReport(path: path, files: order.compactMap { records[$0]?.coverage })
    }

    /// One `SF:` ... `end_of_record` block while it is read.
    private struct Record {
        let path: String
        var lineHits: [Int: Int] = [:]
        var branchTaken: [String: Bool] = [:]
        var functionLines: [String] = []
        var functionHits: [String: Int] = [:]
        var totals: [String: Int] = [:]

        init(path: String) { self.path = path }

        /// Adds one line of the record; false when its value is malformed.
        mutating func add(_ key: String, _ value: String) -> Bool {
            let fields = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            switch key {
            case "DA":
                // DA:<line>,<hits>[,<checksum>]; hits can be written as a float by some tools.
                guard fields.count >= 2, let line = Int(fields[0]), let hits = Self.count(fields[1]) else {
                    return false
                }
                lineHits[line, default: 0] += hits
            case "BRDA":
                // BRDA:<line>,<block>,<branch>,<taken>; taken is "-" when the block never ran.
                guard fields.count >= 4, Int(fields[0]) != nil else { return false }
                let id = fields[0...2].joined(separator: ",")
                let taken = fields[3] == "-" ? 0 : Self.count(fields[3])
                guard let taken else { return false }
                branchTaken[id] = (branchTaken[id] ?? false) || taken > 0
            case "FN":
                // FN:<line>,<name> (or FN:<line>,<end line>,<name> in lcov 2).
                guard fields.count >= 2, Int(fields[0]) != nil else { return false }
                let name = fields.dropFirst(fields.count > 2 && Int(fields[1]) != nil ? 2 : 1).joined(separator: ",")
                if !functionLines.contains(name) { functionLines.append(name) }
            case "FNDA":
                // FNDA:<hits>,<name>
                guard fields.count >= 2, let hits = Self.count(fields[0]) else { return false }
                functionHits[fields.dropFirst().joined(separator: ","), default: 0] += hits
            default:
                guard let total = Int(value), total >= 0 else { return false }
                totals[key] = total
            }
            return true
        }

        var coverage: FileCoverage {
            let functionNames = Set(functionLines).union(functionHits.keys)
            return FileCoverage(
                path: path,
                lines: lineHits.isEmpty
                    ? total("LF", "LH")
                    : CoverageCount(found: lineHits.count, hit: lineHits.values.filter { $0 > 0 }.count),
                branches: branchTaken.isEmpty
                    ? total("BRF", "BRH")
                    : CoverageCount(found: branchTaken.count, hit: branchTaken.values.filter { $0 }.count),
                functions: functionNames.isEmpty
                    ? total("FNF", "FNH")
                    : CoverageCount(
                        found: functionNames.count, hit: functionNames.filter { (functionHits[$0] ?? 0) > 0 }.count))
        }

        private func total(_ found: String, _ hit: String) -> CoverageCount {
            CoverageCount(found: totals[found] ?? 0, hit: min(totals[hit] ?? 0, totals[found] ?? 0))
        }

        private static func count(_ text: String) -> Int? {
            if let value = Int(text) { return max(0, value) }
            if let value = Double(text), value.isFinite { return max(0, Int(value.rounded(.up))) }
            return nil
        }
    }
}
