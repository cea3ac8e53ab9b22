import Delivery
import Foundation
import Testing

@Suite("freeze windows")
struct FreezeWindowTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let fridayAfternoon = FreezeWindow(
        name: "friday-afternoon", effect: .deny, days: [.fri], start: TimeOfDay(hour: 14), end: TimeOfDay(hour: 24),
        timeZone: berlin)

    /// `2025-03-14T13:59:00Z`-style instants, written in UTC so each case shows the offset it expects.
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    @Test(
        "no deploys after 2 PM on Friday in Berlin",
        arguments: [
            ("2025-03-14T12:59:00Z", true),  // Friday 13:59 CET
            ("2025-03-14T13:00:00Z", false),  // Friday 14:00 CET
            ("2025-03-14T22:59:59Z", false),  // Friday 23:59:59 CET
            ("2025-03-14T23:00:00Z", true),  // Saturday 00:00 CET
            ("2025-06-13T11:59:00Z", true),  // Friday 13:59 CEST
            ("2025-06-13T12:00:00Z", false),  // Friday 14:00 CEST
            ("2025-03-13T13:00:00Z", true),  // Thursday 14:00 CET
        ]
    )
    func fridayAfternoon(instant: String, allowed: Bool) {
        let decision = Self.fridayAfternoon.check(at: Self.utc(instant))
        #expect((decision.status == .allowed) == allowed)
    }

    @Test("a denied deploy names the window and the next allowed time")
    func denialMessage() {
        let decision = Self.fridayAfternoon.check(at: Self.utc("2025-03-14T14:30:00Z"))
        #expect(decision.status == .denied)
        #expect(decision.nextAllowedAt == Self.utc("2025-03-14T23:00:00Z"))
        #expect(
            decision.message
                == "deploys are frozen by window \"friday-afternoon\" (fri 14:00-24:00 Europe/Berlin); next allowed "
                + "at 2025-03-15 00:00 Europe/Berlin (2025-03-14T23:00:00Z)"
        )
        #expect(decision.findings.first?.subject == "friday-afternoon")
    }

    @Test(
        "the next allowed time is right across DST changes",
        arguments: [
            // A weekend freeze ending on the Monday after clocks went forward: Monday 00:00 CEST is 22:00Z.
            ("weekend", "2025-03-30T10:00:00Z", "2025-03-30T22:00:00Z"),
            // ... and after clocks went back: Monday 00:00 CET is 23:00Z.
            ("weekend", "2025-10-26T10:00:00Z", "2025-10-26T23:00:00Z"),
            // A night freeze 01:00-02:30 on the night clocks jump from 02:00 to 03:00 ends at the jump.
            ("night", "2025-03-30T00:30:00Z", "2025-03-30T01:00:00Z"),
            // On the night clocks go back, 02:00-02:30 happens twice: the freeze ends at 02:30 CEST (00:30Z) ...
            ("night", "2025-10-26T00:15:00Z", "2025-10-26T00:30:00Z"),
            // ... and again at 02:30 CET (01:30Z) after the clocks went back to 02:00.
            ("night", "2025-10-26T01:10:00Z", "2025-10-26T01:30:00Z"),
        ]
    )
    func daylightSaving(window: String, instant: String, next: String) {
        let windows = [
            "weekend": FreezeWindow(name: "weekend", days: [.sat, .sun], timeZone: Self.berlin),
            "night": FreezeWindow(
                name: "night", start: TimeOfDay(hour: 1), end: TimeOfDay(hour: 2, minute: 30), timeZone: Self.berlin),
        ]
        let decision = windows[window]!.check(at: Self.utc(instant))
        #expect(decision.status == .denied)
        #expect(decision.nextAllowedAt == Self.utc(next))
    }

    @Test("a window past midnight belongs to the day it starts")
    func overnight() {
        let window = FreezeWindow(
            name: "friday-night", days: [.fri], start: TimeOfDay(hour: 22), end: TimeOfDay(hour: 6),
            timeZone: TimeZone(identifier: "UTC")!)
        #expect(window.contains(Self.utc("2025-03-14T22:30:00Z")))  // Friday
        #expect(window.contains(Self.utc("2025-03-15T05:59:00Z")))  // Saturday morning
        #expect(!window.contains(Self.utc("2025-03-15T22:30:00Z")))  // Saturday night
        #expect(!window.contains(Self.utc("2025-03-14T05:00:00Z")))  // Friday morning belongs to Thursday
        #expect(window.check(at: Self.utc("2025-03-14T23:00:00Z")).nextAllowedAt == Self.utc("2025-03-15T06:00:00Z"))
    }

    @Test("deny wins over allow, and outside every allow window the next opening is named")
    func allowAndDeny() {
        let newYork = TimeZone(identifier: "America/New_York")!
        let schedule = FreezeSchedule(windows: [
            FreezeWindow(
                name: "business-hours", effect: .allow, days: Set(Weekday.allCases.filter { $0 != .sat && $0 != .sun }),
                start: TimeOfDay(hour: 9), end: TimeOfDay(hour: 17), timeZone: newYork),
            FreezeWindow(
                name: "friday-afternoon", effect: .deny, days: [.fri], start: TimeOfDay(hour: 14),
                timeZone: newYork),
        ])
        // Friday 15:00 EDT: inside business hours, but the deny window wins.
        let friday = schedule.check(at: Self.utc("2025-06-13T19:00:00Z"))
        #expect(friday.status == .denied)
        #expect(friday.findings.first?.subject == "friday-afternoon")
        #expect(friday.nextAllowedAt == Self.utc("2025-06-16T13:00:00Z"))  // Monday 09:00 EDT
        // Saturday: outside the allow window.
        let saturday = schedule.check(at: Self.utc("2025-06-14T15:00:00Z"))
        #expect(
            saturday.message.hasPrefix(
                "deploys are allowed only in window \"business-hours\" (mon,tue,wed,thu,fri 09:00-17:00 "
                    + "America/New_York)"
            ))
        #expect(schedule.check(at: Self.utc("2025-06-16T14:00:00Z")).status == .allowed)
    }

    @Test("a dated freeze lasts whole days and ends after its last day")
    func dated() {
        let holidays = FreezeWindow(
            name: "year-end", timeZone: Self.berlin, from: LocalDate(year: 2025, month: 12, day: 20),
            until: LocalDate(year: 2026, month: 1, day: 2))
        #expect(!holidays.contains(Self.utc("2025-12-19T22:59:00Z")))
        #expect(holidays.contains(Self.utc("2025-12-19T23:00:00Z")))
        let decision = holidays.check(at: Self.utc("2025-12-24T12:00:00Z"))
        #expect(decision.nextAllowedAt == Self.utc("2026-01-02T23:00:00Z"))
    }

    @Test("a schedule that denies everything has no next allowed time")
    func never() {
        let decision = FreezeWindow(name: "forever", timeZone: Self.berlin).check(at: Self.utc("2025-03-14T12:00:00Z"))
        #expect(decision.status == .denied)
        #expect(decision.nextAllowedAt == nil)
        #expect(decision.message.hasSuffix("no allowed time within a year"))
    }
}
