import GRDB
import Persistence

extension StoreError {
    /// Turns any error met while using the database at `path` into a store error.
    ///
    /// A ``StoreError`` passes through (gaining the path if it had none); an SQLite error keeps its message
    /// and SQL and gets a code from its result code; `context` says what was being done, as in
    /// `cannot insert job "ci/test": FOREIGN KEY constraint failed`.
    init(_ error: any Error, path: String, context: String? = nil, code: Code? = nil) {
        if var storeError = error as? StoreError {
            storeError.path = storeError.path ?? path
            self = storeError
            return
        }
        let detail: String
        var sql: String?
        var derivedCode = Code.storageFailed
        if let error = error as? DatabaseError {
            detail = error.message ?? "\(error.resultCode)"
            sql = error.sql
            derivedCode = Self.code(for: error.resultCode)
        } else {
            detail = "\(error)"
        }
        let message = context.map { "\($0): \(detail)" } ?? detail
        self.init(code ?? derivedCode, message, path: path, sql: sql)
    }

    private static func code(for resultCode: ResultCode) -> Code {
        switch resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notADatabase
        case .SQLITE_CONSTRAINT: .constraintViolation
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: .cannotOpen
        default: .storageFailed
        }
    }
}
