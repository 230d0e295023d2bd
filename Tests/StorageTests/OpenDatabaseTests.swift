import Foundation
import GRDB
import Loyalty
import Storage
import TestSupport
import Testing

@Suite struct OpenDatabaseTests {
    @Test func aMissingDatabaseIsAnErrorForReaders() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("none.sqlite")
        #expect(throws: StorageError.missingDatabase(path: path)) {
            try VendingDatabase.open(at: path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func createsAWALDatabaseForWriters() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("new.sqlite")
        let database = try VendingDatabase.open(at: path, createIfMissing: true)
        #expect(try database.members().isEmpty)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func refusesFilesThatAreNotItsOwn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = try directory.write("hello, not a database at all, just some text that is long enough", to: "notes.sqlite")
        #expect(throws: StorageError.self) { try VendingDatabase.open(at: text, createIfMissing: false) }

        let other = directory.file("other.sqlite")
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE recipes (name TEXT)") }
        let before = try directory.snapshot()["other.sqlite"]
        #expect {
            try VendingDatabase.open(at: other, createIfMissing: false)
        } throws: { error in
            "\(error)".contains("has tables (recipes) but none of VendingPass's migrations")
        }
        #expect(try directory.snapshot()["other.sqlite"] == before)
    }

    @Test func aWriteThatFailsInAOneRunFileLeavesNothingOfItself() throws {
        struct Refused: Error {}
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ledger = BackendLedger(file: try DatabaseFile.createForOneRun(at: directory.file("run.sqlite")))
        let first = try EventDecoder().decode(TraceLines.purchase("p-1", by: "vp-1", at: "08:00:00"))
        let second = try EventDecoder().decode(TraceLines.purchase("p-2", by: "vp-1", at: "08:01:00"))
        let visible = Timestamp(millisecondsSinceEpoch: 0)
        _ = try ledger.once(key: "count:p-1") { call in "\(try call.count(first, rules: .standard, visibleAt: visible))" }
        #expect(throws: Refused.self) {
            try ledger.once(key: "count:p-2") { call in
                _ = try call.count(second, rules: .standard, visibleAt: visible)
                throw Refused()
            }
        }
        let retried = try ledger.once(key: "count:p-2") { call in "\(try call.count(second, rules: .standard, visibleAt: visible))" }
        #expect(retried.answer == "credited" && !retried.repeated)
        let repeated = try ledger.once(key: "count:p-1") { _ in "ran again" }
        #expect(repeated.answer == "credited" && repeated.repeated)
    }

    @Test func aLargeWriteThatFailsInAOneRunFileLeavesNothingOfItselfAndKeepsTheGroupedWrites() throws {
        struct Refused: Error {}
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try DatabaseFile.createForOneRun(at: directory.file("run.sqlite"))
        let ledger = BackendLedger(file: file)
        let purchase = try EventDecoder().decode(TraceLines.purchase("p-1", by: "vp-1", at: "08:00:00"))
        _ = try ledger.once(key: "count:p-1") { call in "\(try call.count(purchase, rules: .standard, visibleAt: Timestamp(millisecondsSinceEpoch: 0)))" }
        #expect(throws: Refused.self) {
            try file.writeAlone { db in
                try db.execute(sql: "INSERT INTO backend_call (key, response) VALUES ('batch', 'half-written')")
                throw Refused()
            }
        }
        try file.writeAlone { db in try db.execute(sql: "INSERT INTO backend_call (key, response) VALUES ('batch', 'written')") }
        let calls = try file.read { db in try Row.fetchAll(db, sql: "SELECT key, response FROM backend_call ORDER BY key").map { "\($0[0] as String)=\($0[1] as String)" } }
        #expect(calls == ["batch=written", "count:p-1=credited"])
    }
}
