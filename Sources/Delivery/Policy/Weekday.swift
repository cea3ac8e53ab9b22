/// A day of the week, written `mon` to `sun` in specs.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
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

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A wall-clock time as minutes after midnight; `24:00` (1440) is allowed as the end of a range.
public struct TimeOfDay: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0 through 1440.
    public var minutes: Int

    /// The time `hour:minute`.
    public init(hour: Int, minute: Int = 0) {
        minutes = hour * 60 + minute
    }

    /// Parses `HH:MM` from `00:00` to `24:00`.
    static func parse(_ text: String) -> TimeOfDay? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0...59).contains(minute),
            hour < 24 || minute == 0
        else { return nil }
        return TimeOfDay(hour: hour, minute: minute)
    }

    /// `14:00`.
    public var description: String {
        let minute = minutes % 60
        return "\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minute < 10 ? "0" : "")\(minute)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// A calendar date without a time or zone, such as `2025-12-24`.
public struct LocalDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1 through 12.
    public var month: Int
    /// The day of the month, 1 through 31.
    public var day: Int

    /// The date `year-month-day`.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    static func parse(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// `2025-12-24`.
    public var description: String {
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
