import GRDB
import Loyalty

extension VendingDatabase {
    /// Every member's record, ordered by participant id.
    public func members() throws -> [MemberBalance] {
        try file.read { db in
            try MemberRecord.order(Column("participant")).fetchAll(db).map(\.balance)
        }
    }

    /// One member's record, or nil when the database has none for `participant`.
    public func member(_ participant: ParticipantID) throws -> MemberBalance? {
        try file.read { db in
            try MemberRecord.fetchOne(db, key: participant.rawValue)?.balance
        }
    }

    /// The member's ledger entries in time order (ties in the order they were written).
    public func history(of participant: ParticipantID) throws -> [LedgerEntry] {
        try file.read { db in
            try LedgerEntryRecord
                .filter(Column("participant") == participant.rawValue)
                .order(Column("time"), Column("id"))
                .fetchAll(db)
                .map { try $0.entry() }
        }
    }
}
