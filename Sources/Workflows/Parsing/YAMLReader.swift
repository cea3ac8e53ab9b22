import Diagnostics
import Yams

/// Reads YAML text into `YAMLValue` trees with positions; syntax errors become diagnostics.
public enum YAMLReader {
    /// Parses one YAML document. Returns nil and a diagnostic when the text is not valid YAML.
    public static func read(_ text: String, file: String) -> (YAMLValue?, [Diagnostic]) {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return (.null(SourceLocation(file: file, line: 1, column: 1)), [])
            }
            var converter = Converter(file: file, lines: text.split(separator: "\n", omittingEmptySubsequences: false))
            let value = converter.convert(node)
            return (value, converter.diagnostics)
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "\(error)", rule: "syntax")])
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(.error, at: location, "invalid YAML: \(detail)", rule: "syntax")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let location = SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return Diagnostic(.error, at: location, "key \(keys) is defined more than once", rule: "syntax")
        default:
            return Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)", rule: "syntax")
        }
    }

    private struct Converter {
        let file: String
        let lines: [Substring]
        var diagnostics: [Diagnostic] = []

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }

        mutating func convert(_ node: Node) -> YAMLValue {
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                    return .null(location(scalar.mark))
                }
                return .scalar(makeScalar(scalar))
            case .sequence(let sequence):
                return .sequence(sequence.map { convert($0) }, location(sequence.mark))
            case .mapping(let mapping):
                var entries: [YAMLEntry] = []
                var seen: [String: SourceLocation] = [:]
                for (key, value) in mapping {
                    guard case .scalar(let keyScalar) = key else {
                        diagnostics.append(Diagnostic(.error, at: location(key.mark), "a mapping key must be a scalar", rule: "syntax"))
                        continue
                    }
                    let made = makeScalar(keyScalar)
                    if let first = seen[made.text] {
                        diagnostics.append(Diagnostic(
                            .error, at: made.location, "key \"\(made.text)\" is defined more than once", rule: "syntax",
                            notes: [.init(location: first, message: "first defined here")]))
                    }
                    seen[made.text] = made.location
                    entries.append(YAMLEntry(key: made, value: convert(value)))
                }
                return .mapping(entries, location(mapping.mark))
            case .alias(let alias):
                return .null(location(alias.mark))
            }
        }

        func makeScalar(_ scalar: Node.Scalar) -> YAMLScalar {
            let style: YAMLScalar.Style =
                switch scalar.style {
                case .singleQuoted: .singleQuoted
                case .doubleQuoted: .doubleQuoted
                case .literal: .literal
                case .folded: .folded
                default: .plain
                }
            let at = location(scalar.mark)
            var blockColumn = 1
            if style == .literal || style == .folded {
                // The content starts on the first non-blank line after the indicator; its indentation is the block's.
                var index = at.line
                while index < lines.count, lines[index].allSatisfy({ $0 == " " }) { index += 1 }
                if index < lines.count { blockColumn = lines[index].prefix { $0 == " " }.count + 1 }
            }
            return YAMLScalar(text: scalar.string, location: at, style: style, blockColumn: blockColumn)
        }
    }
}
