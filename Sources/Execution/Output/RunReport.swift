import Foundation
import Persistence

/// The machine-readable result of a run, written by `--report` (the conformance harness reads it).
public struct RunReport: Codable, Sendable {
    public struct StepReport: Codable, Sendable {
        public var name: String
        public var outcome: String
        public var conclusion: String
        public var durationMs: Int

        enum CodingKeys: String, CodingKey {
            case name, outcome, conclusion
            case durationMs = "duration_ms"
        }
    }

    public struct JobReport: Codable, Sendable {
        public var workflow: String
        public var id: String
        public var name: String
        public var matrix: [String: JSONValue]?
        public var conclusion: String
        public var durationMs: Int
        public var steps: [StepReport]

        enum CodingKeys: String, CodingKey {
            case workflow, id, name, matrix, conclusion, steps
            case durationMs = "duration_ms"
        }
    }

    public var conclusion: String
    public var run: Int?
    public var jobs: [JobReport]

    /// Pretty, key-sorted JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A JSON value for report fields whose shape varies (matrix values).
public enum JSONValue: Codable, Sendable, Hashable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value && abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}
