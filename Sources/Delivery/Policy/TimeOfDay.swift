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

    /// Earlier first.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}
