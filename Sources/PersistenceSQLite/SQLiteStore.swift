import Foundation
import GRDB
import Persistence

/// A ``Store`` in one SQLite file, which every Gantry process working on a repository shares.
///
/// The database is in WAL mode with `synchronous=NORMAL` and a busy timeout: readers never block the
/// writer, each write is one transaction, and a process killed at any moment leaves a consistent database
/// (a power loss may lose the last transactions, never consistency). Nothing is cached outside the file, so
/// several stores and processes on one file agree. Writes are not cancelled with the task that makes them,
/// so a cancelled run can still record that it was cancelled.
public final class SQLiteStore: Store {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// How long a write waits for another process's write to end before failing with ``StoreError/Code/busy``.
    static let busyTimeout: TimeInterval = 10

    /// Opens the database at `path`, creating it and its parent directories if needed, and migrates it.
    ///
    /// - Throws: ``StoreError`` naming `path`: ``StoreError/Code/notADatabase`` for a file that is not a
    ///   SQLite database, ``StoreError/Code/newerSchema`` for one written by a newer Gantry,
    ///   ``StoreError/Code/cannotOpen`` when the file or its directory cannot be created or opened.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.cannotOpen, "cannot create the database's directory \"\(directory.path)\"", path: path)
        }
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
        } catch {
            throw StoreError(error, path: path, context: "cannot open the database")
        }
        try Migrations.apply(to: pool, path: path)
    }

    /// Opens the store of the repository at `repositoryRoot`: `<root>/.gantry/gantry.db`.
    public static func open(repositoryRoot: String) throws -> SQLiteStore {
        try SQLiteStore(path: databasePath(repositoryRoot: repositoryRoot))
    }

    /// Where the store of the repository at `repositoryRoot` lives: `<root>/.gantry/gantry.db`.
    public static func databasePath(repositoryRoot: String) -> String {
        URL(fileURLWithPath: repositoryRoot)
            .appendingPathComponent(".gantry")
            .appendingPathComponent("gantry.db")
            .path
    }

    /// Checks the whole file and the foreign keys: `"ok"`, or one line per problem found.
    public func integrityCheck() throws -> String {
        do {
            return try pool.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                    let rowID = (row["rowid"] as Int64?).map(String.init) ?? "?"
                    let table = row["table"] as String? ?? "?"
                    let parent = row["parent"] as String? ?? "?"
                    return "row \(rowID) of \(table) refers to a missing row of \(parent)"
                }
                let problems = integrity.filter { $0 != "ok" } + foreignKeys
                return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
            }
        } catch {
            throw StoreError(error, path: path, context: "cannot check the database")
        }
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "gantry"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL makes every commit atomic and durable against a crash of the process; NORMAL skips
            // the fsync per commit that only a power loss would need.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Runs `updates` in one IMMEDIATE transaction; `context` says what failed if it does.
    ///
    /// Uses GRDB's callback API rather than its async one, which gives up when the task is cancelled.
    func write<T: Sendable>(
        _ context: @autoclosure () -> String,
        _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncWrite(updates) { _, result in continuation.resume(with: result) }
            }
        } catch {
            throw StoreError(error, path: path, context: context())
        }
    }

    /// Runs `value` on a snapshot of the database; `context` says what failed if it does.
    func read<T: Sendable>(
        _ context: @autoclosure () -> String,
        _ value: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncRead { database in
                    continuation.resume(with: Result { try value(database.get()) })
                }
            }
        } catch {
            throw StoreError(error, path: path, context: context())
        }
    }
}
