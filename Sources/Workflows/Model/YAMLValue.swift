import Diagnostics

/// A YAML scalar as written, with enough of its layout to map a character offset back to the file.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was written; quoted and block scalars are always strings.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var location: SourceLocation
    public var style: Style
    /// Column (1-based) where the content lines of a block scalar start.
    public var blockColumn: Int

    public init(text: String, location: SourceLocation, style: Style, blockColumn: Int = 1) {
        self.text = text
        self.location = location
        self.style = style
        self.blockColumn = blockColumn
    }

    /// The file position of the character at `offset` in `text`, so expression errors point into the YAML.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let prefix = text.prefix(max(0, offset))
        let newlines = prefix.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
        let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0)
        switch style {
        case .plain:
            return newlines == 0 ? location.advanced(lines: 0, column: location.column + column) : location.advanced(lines: newlines, column: column + 1)
        case .singleQuoted, .doubleQuoted:
            return newlines == 0 ? location.advanced(lines: 0, column: location.column + 1 + column) : location.advanced(lines: newlines, column: column + 1)
        case .literal, .folded:
            return location.advanced(lines: 1 + newlines, column: blockColumn + column)
        }
    }
}

/// A YAML node with source positions, the raw material of every workflow model type.
public indirect enum YAMLValue: Sendable, Hashable {
    case null(SourceLocation)
    case scalar(YAMLScalar)
    case sequence([YAMLValue], SourceLocation)
    case mapping([YAMLEntry], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .null(let location), .sequence(_, let location), .mapping(_, let location): location
        case .scalar(let scalar): scalar.location
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    public var items: [YAMLValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of `key` in a mapping (exact match), or nil.
    public subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key.text == key }?.value
    }

    /// A short noun for messages: "a mapping", "a sequence", "a string", "null".
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping, in document order.
public struct YAMLEntry: Sendable, Hashable {
    public var key: YAMLScalar
    public var value: YAMLValue

    public init(key: YAMLScalar, value: YAMLValue) {
        self.key = key
        self.value = value
    }
}
