import Determinism
import JSON
import Testing

@testable import Workflows

@Suite struct StagedBatchTests {
    /// Events handed over unencoded (for a store that keeps histories in memory) read back as recorded,
    /// and as the same bytes as encoded ones when a store asks for bytes.
    @Test func historiesKeptUnencodedReadAndEncodeAsEncodedOnes() throws {
        let events = (1...3).map { id in
            HistoryEvent(
                id: id, previousEventID: id - 1, timestamp: Instant(millisecondsSinceEpoch: Int64(id)), type: .passStateEntered,
                recorded: .two("name", .string("Step \(id)"), "input", ["n": .number(Double(id))])
            )
        }
        var kept = StagedBatch(number: 1, batch: WorkflowBatch(), events: [("e-1", events)], eventCount: 3, executions: [], saved: [], armed: [], removed: [])
        kept.keepHistoriesUnencoded()
        var encoded = StagedBatch(number: 1, batch: WorkflowBatch(), events: [("e-1", events)], eventCount: 3, executions: [], saved: [], armed: [], removed: [])
        encoded.encodeHistories()
        let keptChunk = try #require(kept.batch.histories.entries.first)
        let encodedChunk = try #require(encoded.batch.histories.entries.first)
        #expect(try kept.batch.histories.events(of: keptChunk) == events)
        #expect(try encoded.batch.histories.events(of: encodedChunk) == events)
        #expect(kept.batch.histories.bytes(of: keptChunk) == encoded.batch.histories.bytes(of: encodedChunk))
    }

    /// However the encoding of a batch's histories is shared (the engine encodes some while the writer
    /// is busy, the writer the rest), the batch holds one chunk per execution, in order, each reading
    /// back as the events recorded.
    @Test func historiesEncodedInTwoSharesReadBackInOrder() throws {
        let events = (0..<5).map { execution in
            (executionID: "e-\(execution)", events: (1...execution + 1).map { id in
                HistoryEvent(
                    id: id, previousEventID: id - 1, timestamp: Instant(millisecondsSinceEpoch: Int64(id)), type: .passStateEntered,
                    recorded: .two("name", .string("Step \(id)"), "input", ["execution": .number(Double(execution))])
                )
            })
        }
        for engineShare in 0...events.count {
            var staged = StagedBatch(
                number: 1, batch: WorkflowBatch(), events: events, eventCount: events.reduce(0) { $0 + $1.events.count }, executions: [], saved: [], armed: [], removed: []
            )
            var encoded = 0
            staged.encodeHistories {
                encoded += 1
                return encoded <= engineShare
            }
            let histories = staged.encoded(durable: true).histories
            #expect(histories.entries.map(\.executionID) == events.map(\.executionID))
            for (entry, recorded) in zip(histories.entries, events) {
                #expect(entry.firstEventID == 1)
                #expect(try HistoryChunk.decode(blob: Array(histories.bytes(of: entry))) == recorded.events)
            }
        }
    }
}
