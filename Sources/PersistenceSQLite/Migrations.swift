import GRDB
import Persistence

/// The schema's history: named migrations, applied in order, each once, each in its own transaction.
///
/// Append only. A migration that has shipped is never edited, renamed or removed: a change to the
/// schema is a new migration at the end (`"v2-…"`), so that every database, whichever migrations it
/// already has, ends with the same schema.
///
/// Conventions: tables are singular (`run`, `job`, `step`); dates are REAL unix seconds rounded to the
/// millisecond; conclusions are ``Conclusion`` raw values; ids use AUTOINCREMENT so that an id is never
/// reused after runs are pruned, because `.gantry/runs/<id>/` on disk is named after it.
enum Migrations {
    /// The migrator with every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        number INTEGER NOT NULL,
                        repository TEXT NOT NULL,
                        event TEXT NOT NULL,
                        ref TEXT NOT NULL,
                        sha TEXT NOT NULL,
                        workflows TEXT NOT NULL, -- JSON array of workflow names
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        conclusion TEXT CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
                        pid INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX run_on_repository_number ON run(repository, number);
                    CREATE INDEX run_on_number ON run(number);
                    CREATE INDEX run_unfinished ON run(pid) WHERE conclusion IS NULL;
                    """
            )
        }

        migrator.registerMigration("v1-jobs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE job (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        workflow TEXT NOT NULL,
                        job_id TEXT NOT NULL,
                        name TEXT NOT NULL,
                        matrix TEXT, -- compact JSON of the matrix leg
                        started_at REAL,
                        finished_at REAL,
                        conclusion TEXT CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
                        log_path TEXT
                    );
                    CREATE UNIQUE INDEX job_on_run_key ON job(run_id, key);
                    """
            )
        }

        migrator.registerMigration("v1-steps") { db in
            try db.execute(
                sql: """
                    CREATE TABLE step (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL, -- StepRecord.index; "index" is an SQL keyword
                        name TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'cancelled', 'skipped')),
                        conclusion TEXT NOT NULL CHECK (conclusion IN ('success', 'failure', 'cancelled', 'skipped')),
                        log TEXT NOT NULL
                    );
                    CREATE INDEX step_on_job_position ON step(job_id, position);
                    """
            )
        }

        // Test history: `test` keeps each test's latest names and a rolling string of its recent runs (one
        // TestRunSummary code per run, at most 200), updated in place by each ingestion, so that flaky analysis reads
        // one row per test instead of every attempt. `test_case` is append-only, in ingestion order.
        migrator.registerMigration("v2-test-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ingestion (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source_path TEXT NOT NULL,
                        commit_sha TEXT NOT NULL,
                        run_id INTEGER REFERENCES run(id) ON DELETE SET NULL,
                        job_id INTEGER REFERENCES job(id) ON DELETE SET NULL,
                        report_sha256 TEXT NOT NULL,
                        case_count INTEGER NOT NULL,
                        test_count INTEGER NOT NULL,
                        created_at REAL NOT NULL
                    );
                    CREATE UNIQUE INDEX ingestion_on_report ON ingestion(report_sha256, commit_sha, IFNULL(run_id, 0));
                    CREATE INDEX ingestion_on_commit ON ingestion(commit_sha);
                    CREATE TABLE test (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        identifier TEXT NOT NULL UNIQUE,
                        suite TEXT NOT NULL,
                        class_name TEXT NOT NULL,
                        name TEXT NOT NULL,
                        file TEXT,
                        first_seen_at REAL NOT NULL,
                        last_seen_at REAL NOT NULL,
                        recent TEXT NOT NULL, -- TestRunSummary codes of the latest runs, oldest first
                        last_failure_message TEXT,
                        last_failure_at REAL,
                        last_failure_commit TEXT
                    );
                    CREATE TABLE test_case (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        ingestion_id INTEGER NOT NULL REFERENCES ingestion(id) ON DELETE CASCADE,
                        test_id INTEGER NOT NULL REFERENCES test(id),
                        attempt INTEGER NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'errored', 'skipped')),
                        duration REAL NOT NULL,
                        message TEXT
                    );
                    CREATE INDEX test_case_on_ingestion ON test_case(ingestion_id);
                    -- What the first attempts of each test did on each commit (bit 1 passed, bit 2 failed), so that a run
                    -- is compared with the earlier runs of its commit in one lookup. A commit is keyed by the id of its
                    -- first ingestion, so the rows of one report are adjacent.
                    CREATE TABLE test_commit (
                        commit_key INTEGER NOT NULL REFERENCES ingestion(id) ON DELETE CASCADE,
                        test_id INTEGER NOT NULL REFERENCES test(id),
                        first_attempts INTEGER NOT NULL,
                        PRIMARY KEY (commit_key, test_id)
                    ) WITHOUT ROWID;
                    CREATE VIEW test_case_detail AS
                        SELECT c.id, c.ingestion_id, i.run_id, i.job_id, i.commit_sha, t.suite, t.class_name, t.name,
                               t.identifier, t.file, c.outcome, c.duration, c.attempt, c.message,
                               i.created_at AS recorded_at
                        FROM test_case c JOIN test t ON t.id = c.test_id JOIN ingestion i ON i.id = c.ingestion_id;
                    """
            )
        }

        migrator.registerMigration("v2-quarantine") { db in
            try db.execute(
                sql: """
                    CREATE TABLE quarantine (
                        identifier TEXT PRIMARY KEY,
                        reason TEXT NOT NULL,
                        added_by TEXT NOT NULL,
                        added_at REAL NOT NULL,
                        automatic INTEGER NOT NULL CHECK (automatic IN (0, 1))
                    );
                    """
            )
        }

        registerDelivery(&migrator)
        return migrator
    }

    /// Brings the database at `path` up to date, or throws if it belongs to a newer Gantry.
    static func apply(to pool: DatabasePool, path: String) throws {
        let migrator = migrator
        do {
            if try pool.read(migrator.hasBeenSuperseded) {
                throw StoreError(
                    .newerSchema,
                    "the database has migrations this version of gantry does not know; upgrade gantry to use it",
                    path: path
                )
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(error, path: path, context: "cannot read the database's migrations")
        }
        // Another process opening the same new database may apply a migration between our reading of the
        // applied ones and our write; ours then fails, and reading the list again settles it.
        for attempt in 1...3 {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if (try? pool.read(migrator.hasCompletedMigrations)) == true { return }
                if attempt == 3 {
                    throw StoreError(error, path: path, context: "cannot migrate the database", code: .migrationFailed)
                }
            }
        }
    }
}
