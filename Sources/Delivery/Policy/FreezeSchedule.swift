import Foundation

/// A service's freeze windows together: deny wins; when there are allow windows, deploys are allowed only inside
/// one of them.
public struct FreezeSchedule: Sendable, Hashable, Codable {
    /// The windows, in spec order.
    public var windows: [FreezeWindow]

    /// A schedule of `windows`.
    public init(windows: [FreezeWindow]) {
        self.windows = windows
    }

    /// Whether a deploy may start at `date`.
    public func isAllowed(at date: Date) -> Bool {
        if windows.contains(where: { $0.effect == .deny && $0.contains(date) }) { return false }
        let allows = windows.filter { $0.effect == .allow }
        return allows.isEmpty || allows.contains { $0.contains(date) }
    }

    /// Allowed, or denied with a message naming the window and the next allowed time.
    public func check(at date: Date) -> PolicyDecision {
        if let deny = windows.first(where: { $0.effect == .deny && $0.contains(date) }) {
            return denied("deploys are frozen by window \"\(deny.name)\" (\(deny.summary))", window: deny, at: date)
        }
        let allows = windows.filter { $0.effect == .allow }
        if !allows.isEmpty, !allows.contains(where: { $0.contains(date) }) {
            let names = allows.map { "\"\($0.name)\" (\($0.summary))" }.joined(separator: ", ")
            let noun = allows.count == 1 ? "window" : "windows"
            return denied("deploys are allowed only in \(noun) \(names)", window: allows[0], at: date)
        }
        return PolicyDecision(status: .allowed, findings: [])
    }

    /// The earliest instant at or after `date` when a deploy is allowed; nil when there is none within a week
    /// after the last dated window (so never for a schedule that denies everything).
    public func nextAllowed(after date: Date) -> Date? {
        if isAllowed(at: date) { return date }
        var candidates: [Date] = []
        for window in windows {
            candidates += window.boundaries(near: date, horizon: horizon(from: date, window: window))
        }
        for zone in Set(windows.map(\.timeZone)) {
            var transition = zone.nextDaylightSavingTimeTransition(after: date)
            while let instant = transition, instant.timeIntervalSince(date) < 400 * 86_400 {
                candidates.append(instant)
                transition = zone.nextDaylightSavingTimeTransition(after: instant)
            }
        }
        return candidates.filter { $0 > date }.sorted().first { isAllowed(at: $0) }
    }

    private func horizon(from date: Date, window: FreezeWindow) -> Int {
        let lastDated = windows.compactMap(\.until).max()
        guard let lastDated else { return 8 }
        let parts = window.calendar.dateComponents([.year, .month, .day], from: date)
        let today = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        var days = 8
        while days < 400, today.adding(days: days - 8) <= lastDated { days += 8 }
        return days
    }

    private func denied(_ reason: String, window: FreezeWindow, at date: Date) -> PolicyDecision {
        let next = nextAllowed(after: date)
        let when =
            next.map { "next allowed at \(Self.format($0, in: window.timeZone))" } ?? "no allowed time within a year"
        let finding = PolicyFinding(
            check: .freezeWindow, status: .denied, message: "\(reason); \(when)", subject: window.name,
            nextAllowedAt: next)
        return PolicyDecision(status: .denied, findings: [finding])
    }

    /// `2025-03-15 00:00 Europe/Berlin (2025-03-14T23:00:00Z)`.
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let local = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        let time = TimeOfDay(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
        let utc = ISO8601DateFormatter().string(from: date)
        return "\(local) \(time) \(zone.identifier) (\(utc))"
    }
}
