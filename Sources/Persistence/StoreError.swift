/// A store operation that failed: what kind of failure, what happened, and where.
///
/// Rendered as `message (at "path") [code]`, then the SQL of a failed statement on its own line; for example
/// `file is not a database (at "/repo/.gantry/gantry.db") [not-a-database]`.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; open for new kinds, so match the ones you handle and fall through.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's stable name, as rendered.
        public var rawValue: String
        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// The store could not be opened or created: a missing permission, a directory in the way.
        public static let cannotOpen = Code(rawValue: "cannot-open")
        /// The file exists but is not a database, or is damaged.
        public static let notADatabase = Code(rawValue: "not-a-database")
        /// The database was written by a newer Gantry, with migrations this one does not know.
        public static let newerSchema = Code(rawValue: "newer-schema")
        /// A migration failed, leaving the schema as it was before it.
        public static let migrationFailed = Code(rawValue: "migration-failed")
        /// The record refers to a parent that does not exist, or repeats a unique key.
        public static let constraintViolation = Code(rawValue: "constraint-violation")
        /// There is no record with the identifier given.
        public static let notFound = Code(rawValue: "not-found")
        /// Another process held the database for longer than the busy timeout.
        public static let busy = Code(rawValue: "busy")
        /// A stored value could not be read back as a record.
        public static let corruptRecord = Code(rawValue: "corrupt-record")
        /// Any other failure of the storage engine.
        public static let storageFailed = Code(rawValue: "storage-failed")
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, starting lower-case.
    public var message: String
    /// The database file involved, if any.
    public var path: String?
    /// The SQL of the statement that failed, if any.
    public var sql: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, sql: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.sql = sql
    }

    /// `message (at "path") [code]`, then the SQL of a failed statement on the next line.
    public var description: String {
        var text = message
        if let path { text += " (at \"\(path)\")" }
        text += " [\(code)]"
        if let sql { text += "\n  while executing: \(sql)" }
        return text
    }
}
