/// A day of the week, written `mon` to `sun` in specs.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Monday to Sunday.
    case mon, tue, wed, thu, fri, sat, sun

    /// The day as Foundation's `Calendar` numbers it (Sunday is 1).
    init?(calendarWeekday: Int) {
        let order: [Weekday] = [.sun, .mon, .tue, .wed, .thu, .fri, .sat]
        guard (1...7).contains(calendarWeekday) else { return nil }
        self = order[calendarWeekday - 1]
    }

    /// The day before.
    var previous: Weekday {
        let all = Weekday.allCases
        return all[(all.firstIndex(of: self)! + 6) % 7]
    }

    /// Parses `mon`, `Monday`, `FRI` and ranges such as `mon-fri` or `fri-mon` (wrapping over the weekend).
    static func parseList(_ text: String) -> [Weekday]? {
        let parts = text.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let days = parts.map { part in allCases.first { part.count >= 3 && $0.fullName.hasPrefix(part) } }
        guard let first = days.first ?? nil else { return nil }
        guard parts.count == 2 else { return [first] }
        guard let last = days[1] else { return nil }
        var result = [first]
        var day = first
        while day != last {
            day = allCases[(allCases.firstIndex(of: day)! + 1) % 7]
            result.append(day)
        }
        return result
    }

    private var fullName: String {
        switch self {
        case .mon: "monday"
        case .tue: "tuesday"
        case .wed: "wednesday"
        case .thu: "thursday"
        case .fri: "friday"
        case .sat: "saturday"
        case .sun: "sunday"
        }
    }

    /// Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
