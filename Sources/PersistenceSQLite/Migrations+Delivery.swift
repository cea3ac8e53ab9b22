import GRDB

extension Migrations {
    /// Deployments and what happened during them (part 2, progressive delivery). Append only.
    static func registerDelivery(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-deployments") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deployment (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        service TEXT NOT NULL,
                        environment TEXT NOT NULL,
                        version TEXT NOT NULL,
                        previous_version TEXT,
                        commit_sha TEXT,
                        strategy TEXT NOT NULL,
                        started_by TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        state TEXT NOT NULL,
                        outcome TEXT CHECK (outcome IN ('success', 'failed', 'rolled_back', 'aborted')),
                        reason TEXT,
                        break_glass_reason TEXT
                    );
                    CREATE INDEX deployment_on_service ON deployment(service, id);
                    CREATE INDEX deployment_unfinished ON deployment(id) WHERE outcome IS NULL;
                    CREATE TABLE transition (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        deployment_id INTEGER NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
                        at REAL NOT NULL,
                        from_state TEXT NOT NULL,
                        to_state TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX transition_on_deployment ON transition(deployment_id, id);
                    CREATE TABLE measurement (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        deployment_id INTEGER NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
                        at REAL NOT NULL,
                        template TEXT NOT NULL,
                        metric TEXT NOT NULL,
                        provider TEXT NOT NULL,
                        query TEXT NOT NULL,
                        raw TEXT NOT NULL,
                        value REAL,
                        condition TEXT NOT NULL,
                        verdict TEXT NOT NULL
                    );
                    CREATE INDEX measurement_on_deployment ON measurement(deployment_id, id);
                    CREATE TABLE approval (
                        deployment_id INTEGER NOT NULL REFERENCES deployment(id) ON DELETE CASCADE,
                        approver TEXT NOT NULL,
                        at REAL NOT NULL,
                        PRIMARY KEY (deployment_id, approver)
                    );
                    """
            )
        }
    }
}
