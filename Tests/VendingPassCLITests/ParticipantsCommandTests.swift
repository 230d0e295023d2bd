import Fleet
import Foundation
import Loyalty
import TestSupport
import Testing

@Suite struct ParticipantsCommandTests {
    struct Member: Decodable, Equatable {
        let participant: String
        let points: Int64
        let freeDrinksEarned: Int64
        let freeDrinksRedeemed: Int64
        let freeDrinksAvailable: Int64
        let updatedAt: String
    }

    /// A database with the quickstart trace ingested, and the truth for it.
    func ingested() async throws -> (TemporaryDirectory, String, [Member]) {
        let directory = try TemporaryDirectory()
        let database = directory.file("q.sqlite")
        let trace = ProjectPaths.file("Scenarios/traces/quickstart.jsonl")
        #expect(await CommandRun.vendingpass("ingest", trace, "--db", database).status == 0)
        let truth = ReferenceLedger(trace: try TraceFile.read(trace), rules: .standard).balances.values
            .sorted { $0.participant < $1.participant }
            .map {
                Member(
                    participant: $0.participant.rawValue, points: $0.points, freeDrinksEarned: $0.freeDrinksEarned,
                    freeDrinksRedeemed: $0.freeDrinksRedeemed, freeDrinksAvailable: $0.freeDrinksAvailable, updatedAt: $0.updatedAt.rfc3339
                )
            }
        return (directory, database, truth)
    }

    @Test func listJSONEqualsTheReferenceLedger() async throws {
        let (directory, database, truth) = try await ingested()
        defer { directory.remove() }
        let run = await CommandRun.vendingpass("participants", "list", "--db", database, "--json")
        #expect(run.status == 0)
        #expect(try JSONDecoder().decode([Member].self, from: Data(run.output.utf8)) == truth)
        #expect(truth.count >= 20)
    }

    @Test func listTableIsAligned() async throws {
        let (directory, database, truth) = try await ingested()
        defer { directory.remove() }
        let lines = await CommandRun.vendingpass("participants", "list", "--db", database).output.split(separator: "\n")
        #expect(lines.first == "PARTICIPANT  POINTS  EARNED  REDEEMED  AVAILABLE  UPDATED")
        #expect(lines.last == "\(truth.count) members")
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == truth.count)
        #expect(Set(rows.map(\.count)).count == 1)
        let updatedColumn = try #require(lines[0].range(of: "UPDATED")).lowerBound.utf16Offset(in: lines[0])
        #expect(rows.allSatisfy { $0.dropFirst(updatedColumn).hasPrefix("2026-11-24T") })
    }

    @Test func showJSONIsTheMembersObject() async throws {
        let (directory, database, truth) = try await ingested()
        defer { directory.remove() }
        let member = try #require(truth.max { $0.points < $1.points })
        let run = await CommandRun.vendingpass("participants", "show", member.participant, "--db", database, "--json")
        #expect(run.status == 0)
        #expect(try JSONDecoder().decode(Member.self, from: Data(run.output.utf8)) == member)

        let table = await CommandRun.vendingpass("participants", "show", member.participant, "--db", database).output
        #expect(table.contains("  free drinks available  \(member.freeDrinksAvailable)\n"))
        #expect(table.contains("TIME"))
    }

    @Test func historyListsLedgerEntriesInTimeOrderWithARunningTotal() async throws {
        let (directory, database, truth) = try await ingested()
        defer { directory.remove() }
        let member = try #require(truth.max { $0.points < $1.points })
        let run = await CommandRun.vendingpass("participants", "history", member.participant, "--db", database, "--json")
        struct Entry: Decodable {
            let time: String
            let kind: String
            let points: Int64
            let pointsAfter: Int64
        }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(run.output.utf8))
        #expect(entries.map(\.time) == entries.map(\.time).sorted())
        #expect(entries.last?.pointsAfter == member.points)
        #expect(entries.filter { $0.kind == "redemption" }.count == Int(member.freeDrinksRedeemed))
    }

    @Test func unknownMemberAndMissingDatabaseAreOneLineErrors() async throws {
        let (directory, database, _) = try await ingested()
        defer { directory.remove() }
        let unknown = await CommandRun.vendingpass("participants", "show", "vp-nobody", "--db", database)
        #expect(unknown.status == 1)
        #expect(unknown.error == "error: no member 'vp-nobody' in \(database)\n")

        let missing = directory.file("missing.sqlite")
        let noDatabase = await CommandRun.vendingpass("participants", "list", "--db", missing)
        #expect(noDatabase.status == 1)
        #expect(noDatabase.error.hasPrefix("error: no database at \(missing)"))
        #expect(noDatabase.error.filter { $0 == "\n" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: missing))

        let invalid = await CommandRun.vendingpass("participants", "history", "vp 1", "--db", database)
        #expect(invalid.status == 2)
        #expect(invalid.error == "error: 'vp 1' is not a valid participant id: it contains a space; only A-Z a-z 0-9 . _ : - are allowed\n")
    }

    @Test func helpTeachesWithExamples() async {
        let run = await CommandRun.vendingpass("participants", "--help")
        #expect(run.status == 0)
        #expect(run.output.contains("vendingpass participants show vp-7f3a9c"))
    }
}
