import Foundation
import GRDB
@testable import Storage
import TestSupport
import Testing

@Suite struct MigrationTests {
    /// A file written before the ledger was rebuilt (v4) opens with every entry kept under its id, and
    /// the rebuilt ledger still refuses an unknown kind and a second entry of a kind and key.
    @Test func aLedgerWrittenBeforeTheRebuildKeepsItsEntriesAndItsRules() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try StorageMigrations.migrator.migrate(old, upTo: "v3 the legacy backend's settling, record cut-offs and idempotent calls")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO ledger_entry (kind, event_id, key, participant, points, time, visible_at, shown_at) VALUES
                        ('credit', 'p-1', 'p-1', 'vp-1', 1, 1000, 2000, 3000),
                        ('credit', 'p-2', 'p-2', 'vp-2', 1, 1100, 2100, NULL),
                        ('reversal', 'r-1', 'p-1', 'vp-1', -1, 1200, 2200, NULL);
                    DELETE FROM ledger_entry WHERE key = 'p-2';
                    """
            )
        }
        try old.close()

        let file = try DatabaseFile.open(at: path, createIfMissing: false)
        let rows = try file.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, key, participant, points, visible_at, shown_at FROM ledger_entry ORDER BY id")
        }
        #expect(rows.map { $0["id"] as Int64 } == [1, 3])
        #expect(rows.map { $0["kind"] as String } == ["credit", "reversal"])
        #expect(rows.map { $0["shown_at"] as Int64? } == [3000, nil])
        #expect(throws: DatabaseError.self) {
            try file.write { db in
                try db.execute(sql: "INSERT INTO ledger_entry (kind, event_id, key, participant, points, time) VALUES ('bonus', 'b-1', 'b-1', 'vp-1', 5, 1300)")
            }
        }
        #expect(throws: DatabaseError.self) {
            try file.write { db in
                try db.execute(sql: "INSERT INTO ledger_entry (kind, event_id, key, participant, points, time) VALUES ('credit', 'p-1', 'p-1', 'vp-1', 1, 1400)")
            }
        }
        let next = try file.write { db in
            try db.execute(sql: "INSERT INTO ledger_entry (kind, event_id, key, participant, points, time) VALUES ('credit', 'p-3', 'p-3', 'vp-3', 1, 1500)")
            return db.lastInsertedRowID
        }
        #expect(next == 4)
    }
}
