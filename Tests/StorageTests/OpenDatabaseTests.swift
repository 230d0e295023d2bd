import Foundation
import GRDB
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
}
