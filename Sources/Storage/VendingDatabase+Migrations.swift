import GRDB

extension VendingDatabase {
    /// The schema's migrations. A migration that has shipped is never changed: add a new one instead.
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
        return migrator
    }
}
