import Expressions

/// One leg of a matrix: its key/value pairs in definition order.
public struct MatrixCombination: Sendable, Hashable {
    public var entries: [(key: String, value: Value)]

    public init(_ entries: [(key: String, value: Value)]) {
        self.entries = entries
    }

    public subscript(key: String) -> Value? {
        entries.first { $0.key == key }?.value
    }

    /// The combination as the `matrix` context.
    public var value: Value {
        .object(Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
    }

    public static func == (lhs: MatrixCombination, rhs: MatrixCombination) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

/// A matrix definition after evaluation: dimensions in order plus `include` and `exclude` lists.
public struct Matrix: Sendable {
    public var dimensions: [(key: String, values: [Value])]
    public var include: [Value]
    public var exclude: [Value]

    public init(dimensions: [(key: String, values: [Value])], include: [Value] = [], exclude: [Value] = []) {
        self.dimensions = dimensions
        self.include = include
        self.exclude = exclude
    }

    /// Reads an evaluated `matrix:` object whose keys are in `order`.
    public init(object: [String: Value], order: [String]) {
        let keys = order.filter { object[$0] != nil } + object.keys.filter { !order.contains($0) }.sorted()
        var dimensions: [(key: String, values: [Value])] = []
        var include: [Value] = [], exclude: [Value] = []
        for key in keys {
            let value = object[key] ?? .null
            let list: [Value] = if case .array(let items) = value { items } else { [value] }
            switch key {
            case "include": include = list
            case "exclude": exclude = list
            default: dimensions.append((key, list))
            }
        }
        self.init(dimensions: dimensions, include: include, exclude: exclude)
    }

    /// GitHub's expansion: the cartesian product, minus partial-match excludes, plus includes that extend
    /// every combination they do not contradict or else become combinations of their own.
    public func expand() -> [MatrixCombination] {
        var combinations: [MatrixCombination] = dimensions.isEmpty ? [] : [MatrixCombination([])]
        for dimension in dimensions {
            combinations = combinations.flatMap { combination in
                dimension.values.map { MatrixCombination(combination.entries + [(dimension.key, $0)]) }
            }
        }
        combinations.removeAll { combination in
            exclude.contains { filter in
                guard case .object(let pairs) = filter, !pairs.isEmpty else { return false }
                return pairs.allSatisfy { pair in combination[pair.key].map { Self.matches($0, pair.value) } ?? false }
            }
        }
        let original = Set(dimensions.map(\.key))
        let productCount = combinations.count
        for entry in include {
            guard case .object(let pairs) = entry else { continue }
            let ordered = pairs.sorted { $0.key < $1.key }
            var added = false
            for index in 0..<productCount {
                let fits = ordered.allSatisfy { pair in
                    !original.contains(pair.key) || combinations[index][pair.key] == pair.value
                }
                guard fits else { continue }
                added = true
                for pair in ordered where !original.contains(pair.key) {
                    if let at = combinations[index].entries.firstIndex(where: { $0.key == pair.key }) {
                        combinations[index].entries[at].value = pair.value
                    } else {
                        combinations[index].entries.append((pair.key, pair.value))
                    }
                }
            }
            if !added { combinations.append(MatrixCombination(ordered.map { ($0.key, $0.value) })) }
        }
        return combinations
    }

    /// Exclude values match when equal, or when an object filter matches part of an object value.
    static func matches(_ value: Value, _ filter: Value) -> Bool {
        if case .object(let filterPairs) = filter, case .object(let pairs) = value {
            return filterPairs.allSatisfy { pair in pairs[pair.key].map { matches($0, pair.value) } ?? false }
        }
        return value == filter || value.stringValue == filter.stringValue
    }
}
