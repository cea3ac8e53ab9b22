import Foundation
import MetricProviders
import Testing

/// The phase a measurement must have, with its value or a fragment of its message.
enum ExpectedResult: Sendable {
    case value(Double)
    case noData(String)
    case error(String)
}

/// Checks a result's phase, and its value or that its message contains `fragment`.
func expect(_ result: MetricResult, _ expected: ExpectedResult, sourceLocation: SourceLocation = #_sourceLocation) {
    switch (expected, result.phase) {
    case (.value(let value), .value):
        #expect(result.value == value, sourceLocation: sourceLocation)
    case (.noData(let fragment), .noData(let reason)):
        #expect(reason.localizedCaseInsensitiveContains(fragment), "\(reason)", sourceLocation: sourceLocation)
        #expect(result.value == nil, sourceLocation: sourceLocation)
    case (.error(let fragment), .error(let message)):
        #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
        #expect(result.value == nil, sourceLocation: sourceLocation)
    default:
        Issue.record("expected \(expected), got \(result)", sourceLocation: sourceLocation)
    }
}
