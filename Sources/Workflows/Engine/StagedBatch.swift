import JSON

/// A group commit as the engine takes it: the batch, the events its executions recorded, and the changed
/// executions whose snapshots are still to be encoded. The engine encodes histories, then snapshots,
/// while the writer holds two batches already; the writer encodes the rest.
struct StagedBatch: Sendable {
    /// Its place among the batches the engine took (``ExecutionCache/Entry/lastBatch``).
    let number: Int
    private(set) var batch: WorkflowBatch
    /// Each changed execution's new events (emptied once encoded by ``encodeHistories(while:)``).
    private var events: [(executionID: String, events: [HistoryEvent])]
    /// How many events that is, and how many executions' events are encoded into `batch` already.
    private let eventCount: Int
    private var encodedEvents = 0
    let executions: [ExecutionState]
    /// The boxes of the executions saved, to let them leave memory once written.
    let saved: [ExecutionCache.Entry]
    /// Sequences of the timers armed and removed since the previous batch (before dropping those both armed and removed).
    let armed: [Int64]
    let removed: [Int64]

    init(
        number: Int, batch: WorkflowBatch, events: [(executionID: String, events: [HistoryEvent])], eventCount: Int, executions: [ExecutionState],
        saved: [ExecutionCache.Entry], armed: [Int64], removed: [Int64]
    ) {
        self.number = number
        self.batch = batch
        self.events = events
        self.eventCount = eventCount
        self.executions = executions
        self.saved = saved
        self.armed = armed
        self.removed = removed
    }

    /// Whether there is nothing to write.
    var isEmpty: Bool { batch.isEmpty && events.isEmpty && executions.isEmpty }

    /// Encodes the events into the batch's history chunks, from the first execution's, while
    /// `shouldContinue` holds, and lets them go: the engine's share, on the thread that recorded them, so
    /// they are freed where they were allocated and while they are still in its cache. ``encoded(durable:prefix:)``
    /// encodes the rest.
    mutating func encodeHistories(while shouldContinue: () -> Bool = { true }) {
        guard encodedEvents < events.count, shouldContinue() else { return }
        var writer = HistoryChunk.makeWriter()
        repeat {
            Self.append(events[encodedEvents], to: &batch.histories, batchEvents: (events.count, eventCount), writer: &writer)
            events[encodedEvents].events = []
            encodedEvents += 1
        } while encodedEvents < events.count && shouldContinue()
    }

    /// Hands every execution's events over as they are, for a store that keeps them in memory.
    mutating func keepHistoriesUnencoded() {
        for index in encodedEvents..<events.count { batch.histories.append(executionID: events[index].executionID, events: events[index].events) }
        events = []
        encodedEvents = 0
    }

    /// The batch with every execution's summary and, for a durable store, its snapshot; `prefix` holds
    /// the first executions already encoded (by the engine, while the writer held two batches). The histories
    /// the engine did not encode are encoded here.
    func encoded(durable: Bool, prefix: [SavedExecution] = []) -> WorkflowBatch {
        var encoded = batch
        if encodedEvents < events.count {
            var writer = HistoryChunk.makeWriter()
            for index in encodedEvents..<events.count {
                Self.append(events[index], to: &encoded.histories, batchEvents: (events.count, eventCount), writer: &writer)
            }
        }
        encoded.executions = prefix
        encoded.executions.reserveCapacity(executions.count)
        var writer = ExecutionSnapshot.makeWriter()
        // Read in place: a loop over the array copied each execution out, retaining and releasing its every field.
        executions.withUnsafeBufferPointer { executions in
            for index in prefix.count..<executions.count {
                encoded.executions.append(Self.saved(executions[index], durable: durable, writer: &writer))
            }
        }
        return encoded
    }

    /// Encodes one execution's events into `histories`, the first time with room for the whole batch's
    /// (`batchEvents`: its executions and events). Static: as a method of the batch, called with one of
    /// the batch's own properties inout (the accesses overlap), it made the steady benchmark a third slower.
    private static func append(
        _ recorded: (executionID: String, events: [HistoryEvent]), to histories: inout HistoryChunks, batchEvents: (executions: Int, events: Int),
        writer: inout CompactJSONWriter
    ) {
        if histories.isEmpty { histories.reserveCapacity(chunks: batchEvents.executions, bytes: batchEvents.events * 24) }
        histories.append(executionID: recorded.executionID, events: recorded.events, writer: &writer)
    }

    /// Encodes executions from the first while `shouldContinue` holds: the share of the work that the
    /// engine takes on while the writer holds two batches already.
    func encodedPrefix(durable: Bool, while shouldContinue: () -> Bool) -> [SavedExecution] {
        var prefix: [SavedExecution] = []
        var writer = ExecutionSnapshot.makeWriter()
        executions.withUnsafeBufferPointer { executions in
            for index in executions.indices {
                guard shouldContinue() else { break }
                if prefix.isEmpty { prefix.reserveCapacity(executions.count) }
                prefix.append(Self.saved(executions[index], durable: durable, writer: &writer))
            }
        }
        return prefix
    }

    private static func saved(_ execution: ExecutionState, durable: Bool, writer: inout CompactJSONWriter) -> SavedExecution {
        let needsResume = execution.status == .running && !execution.isWaitingOnTimers
        return SavedExecution(summary: execution.summary, needsResume: needsResume, snapshot: durable ? execution.snapshot(using: &writer) : .none)
    }
}
