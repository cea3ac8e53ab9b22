import Diagnostics
import Workflows

extension SpecParseContext {
    /// A duration such as `30s`, `5m` or `1h30m`, optionally bounded.
    mutating func duration(
        _ value: YAMLValue, _ what: String, minimum: Duration = .zero, maximum: Duration? = nil
    ) -> Duration? {
        guard let scalar = scalar(value, what) else { return nil }
        guard let duration = DurationFormat.parse(scalar.text) else {
            let hint = Int(scalar.text) != nil ? "; add a unit, such as \"\(scalar.text)s\"" : ""
            error(
                scalar.location,
                "\(what) must be a duration such as \"30s\", \"5m\" or \"24h\", but it is \"\(scalar.text)\"\(hint)")
            return nil
        }
        if duration < minimum {
            error(
                scalar.location, "\(what) must be at least \(DurationFormat.format(minimum)), but it is \(scalar.text)")
            return nil
        }
        if let maximum, duration > maximum {
            error(
                scalar.location, "\(what) must be at most \(DurationFormat.format(maximum)), but it is \(scalar.text)")
            return nil
        }
        return duration
    }

    /// A traffic weight from 0 to 100 with at most one decimal.
    mutating func weight(_ value: YAMLValue, _ what: String) -> Weight? {
        guard let scalar = scalar(value, what) else { return nil }
        switch Weight.parse(scalar.text) {
        case .success(let weight): return weight
        case .failure(.tooPrecise):
            error(scalar.location, "\(what) may have at most one decimal, but it is \(scalar.text)")
        case .failure:
            error(scalar.location, "\(what) must be a percentage from 0 to 100, but it is \"\(scalar.text)\"")
        }
        return nil
    }

    /// A whole number within `range`.
    mutating func integer(_ value: YAMLValue, _ what: String, in range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let scalar = scalar(value, what) else { return nil }
        guard let number = Int(scalar.text) else {
            error(scalar.location, "\(what) must be a whole number, but it is \"\(scalar.text)\"")
            return nil
        }
        guard range.contains(number) else {
            let bound =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            error(scalar.location, "\(what) must be \(bound), but it is \(number)")
            return nil
        }
        return number
    }

    /// A number within `range`.
    mutating func number(_ value: YAMLValue, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard let scalar = scalar(value, what) else { return nil }
        guard let number = Double(scalar.text), number.isFinite else {
            error(scalar.location, "\(what) must be a number, but it is \"\(scalar.text)\"")
            return nil
        }
        guard range.contains(number) else {
            error(
                scalar.location,
                "\(what) must be from \(Self.short(range.lowerBound)) to \(Self.short(range.upperBound)), but it is "
                    + "\(scalar.text)"
            )
            return nil
        }
        return number
    }

    /// `true` or `false`.
    mutating func boolean(_ value: YAMLValue, _ what: String) -> Bool? {
        guard let scalar = scalar(value, what) else { return nil }
        switch scalar.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(scalar.location, "\(what) must be true or false, but it is \"\(scalar.text)\"")
            return nil
        }
    }

    /// One of a fixed set of words, with a did-you-mean for a near miss.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ value: YAMLValue, _ what: String) -> Choice?
    where Choice.RawValue == String {
        guard let scalar = scalar(value, what) else { return nil }
        if let choice = Choice(rawValue: scalar.text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        var message = "\(what) must be one of \(Self.quoted(names)), but it is \"\(scalar.text)\""
        if let suggestion = Self.closest(to: scalar.text, in: names) { message += "; did you mean \"\(suggestion)\"?" }
        error(scalar.location, message)
        return nil
    }

    /// `1`, `0.5`, `1e-3` without trailing zeros.
    static func short(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
