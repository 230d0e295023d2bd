/// A group commit as the engine takes it: the batch, and the changed executions whose snapshots are
/// still to be encoded, so that encoding runs on the writer's thread rather than the engine's.
struct StagedBatch: Sendable {
    let batch: WorkflowBatch
    let executions: [ExecutionState]
    /// Ids of the executions saved.
    let saved: Set<String>
    /// Sequences of the timers armed and removed since the previous batch (before dropping those both armed and removed).
    let armed: [Int64]
    let removed: [Int64]

    /// Whether there is nothing to write.
    var isEmpty: Bool { batch.isEmpty && executions.isEmpty }

    /// The batch with every execution's summary and, for a durable store, its snapshot.
    func encoded(durable: Bool) -> WorkflowBatch {
        var encoded = batch
        encoded.executions = executions.map { execution in
            let needsResume = execution.status == .running && !execution.isWaitingOnTimers
            return SavedExecution(summary: execution.summary, needsResume: needsResume, snapshot: durable ? execution.snapshot : .none)
        }
        return encoded
    }
}
