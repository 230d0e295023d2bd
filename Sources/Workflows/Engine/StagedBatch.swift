import JSON

/// A group commit as the engine takes it: the batch, and the changed executions whose snapshots are
/// still to be encoded, so that encoding runs on the writer's thread rather than the engine's.
struct StagedBatch: Sendable {
    let batch: WorkflowBatch
    let executions: [ExecutionState]
    /// The boxes of the executions saved, to let them leave memory once written.
    let saved: [ExecutionCache.Entry]
    /// Sequences of the timers armed and removed since the previous batch (before dropping those both armed and removed).
    let armed: [Int64]
    let removed: [Int64]

    /// Whether there is nothing to write.
    var isEmpty: Bool { batch.isEmpty && executions.isEmpty }

    /// The batch with every execution's summary and, for a durable store, its snapshot; `prefix` holds
    /// the first executions already encoded (by the engine, while the writer was busy).
    func encoded(durable: Bool, prefix: [SavedExecution] = []) -> WorkflowBatch {
        var encoded = batch
        encoded.executions = prefix
        encoded.executions.reserveCapacity(executions.count)
        var writer = ExecutionSnapshot.makeWriter()
        for execution in executions[prefix.count...] { encoded.executions.append(Self.saved(execution, durable: durable, writer: &writer)) }
        return encoded
    }

    /// Encodes executions from the first while `shouldContinue` holds: the share of the work that the
    /// engine takes on while the writer is still busy with the previous batch.
    func encodedPrefix(durable: Bool, while shouldContinue: () -> Bool) -> [SavedExecution] {
        var prefix: [SavedExecution] = []
        var writer = ExecutionSnapshot.makeWriter()
        for execution in executions {
            guard shouldContinue() else { break }
            if prefix.isEmpty { prefix.reserveCapacity(executions.count) }
            prefix.append(Self.saved(execution, durable: durable, writer: &writer))
        }
        return prefix
    }

    private static func saved(_ execution: ExecutionState, durable: Bool, writer: inout CompactJSONWriter) -> SavedExecution {
        let needsResume = execution.status == .running && !execution.isWaitingOnTimers
        return SavedExecution(summary: execution.summary, needsResume: needsResume, snapshot: durable ? execution.snapshot(using: &writer) : .none)
    }
}
