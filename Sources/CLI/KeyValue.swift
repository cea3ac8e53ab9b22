import Diagnostics
import Execution
import Foundation

/// `key=value` flags and files (`--secret`, `--env`, `--input`, `--secret-file`, `--env-file`).
enum KeyValue {
    static func parse(_ items: [String], flag: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                // act takes a bare NAME for a secret or env and reads it from the environment.
                if let value = ProcessInfo.processInfo.environment[item] {
                    result[item] = value
                    continue
                }
                throw DiagnosticError([Diagnostic(
                    .error, at: SourceLocation(file: flag, line: 1, column: 1),
                    "expected key=value, found \"\(item)\"", rule: "flags")])
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }

    /// A dotenv-style file: `KEY=value` lines, `#` comments, optional `export`, quoted values, `KEY<<EOF` blocks.
    static func parseFile(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError([Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "cannot read this file", rule: "flags")])
        }
        do {
            return try DotEnv.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw DiagnosticError([Diagnostic(.error, at: SourceLocation(file: path, line: error.line, column: 1), error.message, rule: "flags")])
        }
    }
}
