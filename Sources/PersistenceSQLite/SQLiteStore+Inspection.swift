import GRDB
import Persistence

// Ways to look at the file beneath the Store API, for start-up checks and tests; none is part of the contract.
extension SQLiteStore {
    /// The names of the migrations applied to the database, in the order they were applied.
    func appliedMigrations() throws -> [String] {
        try inspect("cannot read the applied migrations") {
            try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    /// The value of `PRAGMA <name>` on a connection of the store, as text.
    func pragma(_ name: String) throws -> String? {
        try inspect("cannot read PRAGMA \(name)") {
            try String.fetchOne($0, sql: "PRAGMA \(name)")
        }
    }

    /// How many rows `table` has.
    func count(_ table: String) throws -> Int {
        try inspect("cannot count the rows of \(table)") {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        }
    }

    /// Executes `sql` in one write transaction and calls `beforeCommit` while that transaction is still open.
    func write(sql: String, beforeCommit: () throws -> Void = {}) throws {
        do {
            try pool.write { db in
                try db.execute(sql: sql)
                try beforeCommit()
            }
        } catch {
            throw StoreError(error, path: path, context: "cannot execute SQL")
        }
    }

    private func inspect<T>(_ context: String, _ value: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(value)
        } catch {
            throw StoreError(error, path: path, context: context)
        }
    }
}
