import GRDB
import Loyalty

/// A row of `ledger_entry`: append-only, unique by `(kind, key)`.
struct LedgerEntryRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ledger_entry"

    var kind: String
    var eventID: String
    var key: String
    var participant: String
    var points: Int64
    var time: Int64
    /// For the legacy backend: when the entry becomes visible to readers.
    var visibleAt: Int64?
    /// For the legacy backend: when the member's record first showed the entry.
    var shownAt: Int64?

    enum CodingKeys: String, CodingKey {
        case kind, key, participant, points, time
        case eventID = "event_id"
        case visibleAt = "visible_at"
        case shownAt = "shown_at"
    }

    init(_ entry: LedgerEntry) {
        kind = entry.kind.rawValue
        eventID = entry.event.rawValue
        key = entry.key.rawValue
        participant = entry.participant.rawValue
        points = entry.points
        time = entry.time.millisecondsSinceEpoch
    }

    /// Appends the entry with a cached statement; a second entry of the same kind and key fails.
    func append(in db: Database) throws {
        try RawStatement(
            "INSERT INTO ledger_entry (kind, event_id, key, participant, points, time, visible_at, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", in: db
        ).run(kind, eventID, key, participant, points, time, visibleAt, shownAt)
    }

    func entry() throws -> LedgerEntry {
        guard let kind = LedgerEntry.Kind(rawValue: kind) else {
            throw StorageError.notAVendingPassDatabase(path: "the database", reason: "ledger entry of unknown kind '\(kind)'")
        }
        return LedgerEntry(
            kind: kind, event: EventID(trusted: eventID), key: EventID(trusted: key),
            participant: ParticipantID(trusted: participant), points: points, time: Timestamp(millisecondsSinceEpoch: time)
        )
    }
}
