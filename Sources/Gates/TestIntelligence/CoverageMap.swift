import Foundation

/// Which tests cover which source files: per-test coverage, inverted so a changed file finds its tests.
public struct CoverageMap: Sendable, Hashable {
    /// For each source file (relative to the repository root), the tests that ran at least one of its lines.
    public var testsByFile: [String: Set<String>]

    /// A map from each test to the files it covers; paths under `repositoryRoot` are made relative to it.
    public init(filesByTest: [String: [String]], repositoryRoot: String? = nil) {
        var testsByFile: [String: Set<String>] = [:]
        for (test, files) in filesByTest {
            for file in files { testsByFile[Self.relative(file, to: repositoryRoot), default: []].insert(test) }
        }
        self.testsByFile = testsByFile
    }

    /// The tests that cover `file` (relative to the repository root).
    public func tests(covering file: String) -> Set<String> {
        testsByFile[Self.relative(file, to: nil)] ?? []
    }

    /// Reads a directory of per-test lcov files (`*.info`, `*.lcov`): one file per test, named by the test's
    /// `TN:` line, or else by the file's name without its extension. A file covers a source file when one of its
    /// lines ran.
    public static func load(directory: String, repositoryRoot: String) throws(ReportError) -> CoverageMap {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw ReportError(path: directory, message: "cannot list this coverage directory")
        }
        var filesByTest: [String: [String]] = [:]
        for name in names.sorted() where name.hasSuffix(".info") || name.hasSuffix(".lcov") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReportError(path: path, message: "cannot read this file")
            }
            let text = String(decoding: data, as: UTF8.self)
            let testName = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("TN:") }
                .map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
            let test = testName.flatMap { $0.isEmpty ? nil : $0 } ?? String(name[..<name.lastIndex(of: ".")!])
            // A test that ran no instrumented code has no SF: record, which is no coverage, not a broken file.
            guard text.contains("SF:") else { continue }
            let report = try LcovReader.parse(text, path: path)
            filesByTest[test, default: []] += report.files.filter { $0.lines.hit > 0 || $0.functions.hit > 0 }.map(
                \.path)
        }
        return CoverageMap(filesByTest: filesByTest, repositoryRoot: repositoryRoot)
    }

    /// Reads a JSON map `{"test": ["src/file", …], …}`.
    public static func load(jsonFile path: String, repositoryRoot: String) throws(ReportError) -> CoverageMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(path: path, message: "cannot read this file")
        }
        guard let map = try? JSONDecoder().decode([String: [String]].self, from: data) else {
            throw ReportError(
                path: path, message: "not a coverage map: expected a JSON object of test to list of files")
        }
        return CoverageMap(filesByTest: map, repositoryRoot: repositoryRoot)
    }

    private static func relative(_ file: String, to root: String?) -> String {
        var file = file
        if let root, !root.isEmpty {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if file.hasPrefix(prefix) { file.removeFirst(prefix.count) }
        }
        while file.hasPrefix("./") { file.removeFirst(2) }
        return file
    }
}
