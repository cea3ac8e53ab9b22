/// Covered out of coverable: lines, branches or functions.
public struct CoverageCount: Sendable, Hashable, Codable {
    /// How many there are (lcov's LF / BRF / FNF).
    public var found: Int
    /// How many of them ran (lcov's LH / BRH / FNH).
    public var hit: Int

    public init(found: Int = 0, hit: Int = 0) {
        self.found = found
        self.hit = hit
    }

    /// Hit as a percentage of found, or nil when there is nothing to cover (so it can never pass a minimum).
    public var percent: Double? { found > 0 ? Double(hit) * 100 / Double(found) : nil }

    /// Whether the percentage is at least `minimum` (0-100), compared exactly: `hit / found >= minimum / 100`.
    public func meets(_ minimum: Double) -> Bool {
        found > 0 && Double(hit) * 100 >= minimum * Double(found)
    }

    public static func + (lhs: CoverageCount, rhs: CoverageCount) -> CoverageCount {
        CoverageCount(found: lhs.found + rhs.found, hit: lhs.hit + rhs.hit)
    }
}

/// The coverage of one source file.
public struct FileCoverage: Sendable, Hashable, Codable {
    /// The source file as the report names it (lcov's `SF:`, Cobertura's `filename`, joined to its `<source>`).
    public var path: String
    public var lines: CoverageCount
    public var branches: CoverageCount
    public var functions: CoverageCount

    public init(
        path: String, lines: CoverageCount, branches: CoverageCount = .init(), functions: CoverageCount = .init()
    ) {
        self.path = path
        self.lines = lines
        self.branches = branches
        self.functions = functions
    }

    /// The count of one kind of coverage.
    public subscript(kind: CoverageKind) -> CoverageCount {
        switch kind {
        case .lines: lines
        case .branches: branches
        case .functions: functions
        }
    }
}

/// What a coverage minimum measures.
public enum CoverageKind: String, Sendable, Hashable, Codable, CaseIterable {
    case lines, branches, functions

    /// The singular noun for messages: "line", "branch", "function".
    public var noun: String {
        switch self {
        case .lines: "line"
        case .branches: "branch"
        case .functions: "function"
        }
    }
}

/// The per-file coverage of one lcov or Cobertura file.
public struct CoverageReport: Sendable, Hashable {
    /// The report file it was read from.
    public var path: String
    /// One entry per source file, in report order.
    public var files: [FileCoverage]

    public init(path: String, files: [FileCoverage]) {
        self.path = path
        self.files = files
    }

    /// The sum over every file.
    public var total: FileCoverage {
        files.reduce(FileCoverage(path: path, lines: .init())) { sum, file in
            FileCoverage(
                path: path, lines: sum.lines + file.lines, branches: sum.branches + file.branches,
                functions: sum.functions + file.functions)
        }
    }

    /// The file whose path is `relativePath` from the repository at `root`: written as that path, as the absolute
    /// path under `root`, or else as the only path that ends in it (a report written on another machine, or
    /// relative to a Cobertura `<source>` directory).
    public func file(matching relativePath: String, root: String? = nil) -> FileCoverage? {
        let wanted = Self.trimmed(relativePath)
        let absolute = root.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/" + wanted }
        if let exact = files.first(where: { Self.trimmed($0.path) == wanted || $0.path == absolute }) { return exact }
        let endings = files.filter { $0.path.hasSuffix("/" + wanted) }
        return endings.count == 1 ? endings[0] : nil
    }

    private static func trimmed(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}
