import Foundation

// The one place that decides how a date is stored: REAL unix seconds, rounded to the millisecond.
// The rounded value is the one stored and the one returned, so a record read back equals the record
// an insert returned.
extension Date {
    /// This date as stored: unix seconds rounded to the millisecond.
    var storedSeconds: Double {
        (timeIntervalSince1970 * 1000).rounded() / 1000
    }

    /// This date as it reads back from the store.
    var roundedForStorage: Date {
        Date(storedSeconds: storedSeconds)
    }

    /// The date stored as `storedSeconds`.
    init(storedSeconds: Double) {
        self.init(timeIntervalSince1970: storedSeconds)
    }
}
