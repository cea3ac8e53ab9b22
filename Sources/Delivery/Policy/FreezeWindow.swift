import Foundation

/// A recurring span of wall-clock time in one IANA time zone during which deploys are denied (a freeze) or, for
/// `allow` windows, the only times they are allowed. "No deploys after 2 PM on Friday" is
/// `FreezeWindow(name: "friday-afternoon", effect: .deny, days: [.fri], start: 14:00, end: 24:00, "Europe/Berlin")`.
///
/// A window covers `[start, end)` on each of its `days`; when `end` is not after `start` it runs past midnight
/// into the next day (`22:00-06:00` on `fri` covers Friday night). Times are wall-clock times, so a window keeps
/// its local hours across DST changes; a start that falls into a DST gap begins when the clocks jump.
public struct FreezeWindow: Sendable, Hashable, Codable {
    /// Whether the window forbids deploys or is where they are allowed.
    public enum Effect: String, Sendable, Hashable, Codable, CaseIterable {
        /// Deploys are allowed only inside `allow` windows (when there is at least one).
        case allow
        /// Deploys are denied inside; deny wins over allow.
        case deny
    }

    /// The name messages use.
    public var name: String
    /// Allow or deny.
    public var effect: Effect
    /// The days the window starts on; empty means every day.
    public var days: Set<Weekday>
    /// The local start time.
    public var start: TimeOfDay
    /// The local end time; `24:00` is midnight at the end of the day.
    public var end: TimeOfDay
    /// The zone the times are in.
    public var timeZone: TimeZone
    /// The first local date the window applies to, if limited.
    public var from: LocalDate?
    /// The last local date the window starts on, if limited.
    public var until: LocalDate?

    /// A window; the defaults cover whole days, every day.
    public init(
        name: String, effect: Effect = .deny, days: Set<Weekday> = [], start: TimeOfDay = TimeOfDay(hour: 0),
        end: TimeOfDay = TimeOfDay(hour: 24), timeZone: TimeZone, from: LocalDate? = nil, until: LocalDate? = nil
    ) {
        self.name = name
        self.effect = effect
        self.days = days
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.from = from
        self.until = until
    }

    /// Whether `date` falls inside the window.
    public func contains(_ date: Date) -> Bool {
        let calendar = self.calendar
        let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
        guard let weekday = Weekday(calendarWeekday: parts.weekday ?? 0) else { return false }
        let today = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        let second = (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
        let startSecond = start.minutes * 60
        let endSecond = end.minutes * 60
        if start < end {
            return starts(on: today, weekday) && second >= startSecond && second < endSecond
        }
        if starts(on: today, weekday) && second >= startSecond { return true }
        return starts(on: today.adding(days: -1), weekday.previous) && second < endSecond
    }

    /// This window alone: denied inside a deny window or outside an allow window, with the next allowed time.
    public func check(at date: Date) -> PolicyDecision {
        FreezeSchedule(windows: [self]).check(at: date)
    }

    /// `fri 14:00-24:00 Europe/Berlin`, with dates when limited.
    public var summary: String {
        let dayText = days.isEmpty ? "every day" : days.sorted().map(\.rawValue).joined(separator: ",")
        var text = "\(dayText) \(start)-\(end) \(timeZone.identifier)"
        if from != nil || until != nil {
            text += ", \(from.map(\.description) ?? "…") to \(until.map(\.description) ?? "…")"
        }
        return text
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func starts(on day: LocalDate, _ weekday: Weekday) -> Bool {
        (days.isEmpty || days.contains(weekday)) && from.map { day >= $0 } ?? true && until.map { day <= $0 } ?? true
    }

    /// The instants at which the window may open or close, for local dates from the day before `date` to
    /// `horizon` days after. Instants in a DST gap come out as Foundation resolves them (the DST transitions are
    /// candidates of their own); a wall-clock time that happens twice when clocks go back gives both instants.
    func boundaries(near date: Date, horizon: Int) -> [Date] {
        let calendar = self.calendar
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let today = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        var result: [Date] = []
        for offset in -1...horizon {
            let day = today.adding(days: offset)
            if let opening = day.instant(minutes: start.minutes, calendar: calendar) { result.append(opening) }
            let closingDay = end <= start || end.minutes == 1440 ? day.adding(days: 1) : day
            if let closing = closingDay.instant(minutes: end.minutes % 1440, calendar: calendar) {
                result.append(closing)
            }
        }
        return result.flatMap { instant -> [Date] in
            let shift = abs(
                timeZone.secondsFromGMT(for: instant - 86_400) - timeZone.secondsFromGMT(for: instant + 86_400))
            guard shift > 0 else { return [instant] }
            return [instant - Double(shift), instant, instant + Double(shift)]
        }
    }
}

extension LocalDate {
    /// The date `days` later (or earlier when negative).
    func adding(days: Int) -> LocalDate {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let noon = utc.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let moved = utc.date(byAdding: .day, value: days, to: noon)!
        let parts = utc.dateComponents([.year, .month, .day], from: moved)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The instant this date's wall-clock time `minutes` after midnight happens in the calendar's zone.
    func instant(minutes: Int, calendar: Calendar) -> Date? {
        calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: minutes / 60, minute: minutes % 60))
    }
}
