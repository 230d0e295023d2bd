import GRDB

/// The schema of a VendingPass database: the loyalty ledger and the workflow engine's tables, in one file.
enum StorageMigrations {
    /// The migrations, in order. A migration that has shipped is never changed: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 inbox, ledger and members") { db in
            try db.execute(
                sql: """
                    CREATE TABLE program (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        points_per_purchase INTEGER NOT NULL,
                        free_drink_every INTEGER NOT NULL
                    );
                    CREATE TABLE inbox (
                        event_id TEXT PRIMARY KEY NOT NULL,
                        type TEXT NOT NULL,
                        time INTEGER NOT NULL,
                        voids TEXT,
                        content TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX inbox_voids ON inbox(voids) WHERE voids IS NOT NULL;
                    CREATE TABLE ledger_entry (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('credit', 'reversal', 'void', 'redemption', 'denial')),
                        event_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        participant TEXT NOT NULL,
                        points INTEGER NOT NULL,
                        time INTEGER NOT NULL,
                        UNIQUE (kind, key)
                    );
                    CREATE INDEX ledger_entry_participant ON ledger_entry(participant, time);
                    CREATE TABLE member (
                        participant TEXT PRIMARY KEY NOT NULL,
                        points INTEGER NOT NULL,
                        free_drinks_earned INTEGER NOT NULL,
                        free_drinks_redeemed INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2 workflow executions, history and timers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE workflow_execution (
                        id TEXT PRIMARY KEY NOT NULL,
                        machine TEXT NOT NULL,
                        name TEXT NOT NULL,
                        status TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        stopped_at INTEGER,
                        transitions INTEGER NOT NULL,
                        needs_resume INTEGER NOT NULL,
                        snapshot TEXT NOT NULL
                    );
                    CREATE INDEX workflow_execution_resume ON workflow_execution(needs_resume) WHERE needs_resume = 1;
                    CREATE INDEX workflow_execution_started ON workflow_execution(started_at, id);
                    CREATE TABLE workflow_history (
                        chunk INTEGER PRIMARY KEY,
                        execution_id TEXT NOT NULL,
                        first_event_id INTEGER NOT NULL,
                        events TEXT NOT NULL
                    );
                    CREATE INDEX workflow_history_execution ON workflow_history(execution_id, first_event_id);
                    CREATE TABLE workflow_timer (
                        sequence INTEGER PRIMARY KEY,
                        due_at INTEGER NOT NULL,
                        execution_id TEXT NOT NULL,
                        run_id INTEGER NOT NULL,
                        token INTEGER NOT NULL,
                        kind TEXT NOT NULL
                    );
                    CREATE INDEX workflow_timer_due ON workflow_timer(due_at, sequence);
                    """
            )
        }
        migrator.registerMigration("v3 the legacy backend's settling, record cut-offs and idempotent calls") { db in
            try db.execute(
                sql: """
                    ALTER TABLE ledger_entry ADD COLUMN visible_at INTEGER;
                    ALTER TABLE ledger_entry ADD COLUMN shown_at INTEGER;
                    CREATE INDEX ledger_entry_visible ON ledger_entry(participant, visible_at);
                    ALTER TABLE member ADD COLUMN as_of INTEGER;
                    CREATE TABLE backend_call (
                        key TEXT PRIMARY KEY NOT NULL,
                        response TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration(Self.ledgerRebuilt) { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger_entry_v4 (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind = 'credit' OR kind = 'reversal' OR kind = 'void' OR kind = 'redemption' OR kind = 'denial'),
                        event_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        participant TEXT NOT NULL,
                        points INTEGER NOT NULL,
                        time INTEGER NOT NULL,
                        visible_at INTEGER,
                        shown_at INTEGER,
                        UNIQUE (kind, key)
                    );
                    INSERT INTO ledger_entry_v4 (id, kind, event_id, key, participant, points, time, visible_at, shown_at)
                        SELECT id, kind, event_id, key, participant, points, time, visible_at, shown_at FROM ledger_entry ORDER BY id;
                    DROP TABLE ledger_entry;
                    ALTER TABLE ledger_entry_v4 RENAME TO ledger_entry;
                    CREATE INDEX ledger_entry_participant ON ledger_entry(participant, time);
                    CREATE INDEX ledger_entry_visible ON ledger_entry(participant, visible_at, points);
                    CREATE INDEX ledger_entry_unshown ON ledger_entry(participant, visible_at) WHERE kind = 'credit' AND shown_at IS NULL;
                    """
            )
        }
        return migrator
    }

    /// The ledger rebuilt for its inserts, the commonest write of a replay. SQLite checks `kind IN (five
    /// names)` by building a temporary table of the names at every insert (a list of more than two
    /// constants is looked up in one), which cost about half of each insert; the same check written as
    /// comparisons costs nothing measurable. The ledger is append-only, so its ids stay the same
    /// without `AUTOINCREMENT`, which only spent a write to `sqlite_sequence` on every insert. Its two
    /// reads at every UpdateParticipant no longer visit the member's rows: the visible points are summed
    /// from an index that holds them, and the entries a record shows for the first time are found in an
    /// index of the credits not shown yet.
    static let ledgerRebuilt = "v4 the ledger checks its kinds by comparison, and its ids need no sequence"
}
