import Testing

@testable import Workflows

@Suite struct SnapshotPresetTests {
    /// The strings snapshots write by number, in their stored order: every snapshot in every file since
    /// depends on it, so a change here (a case reordered, renamed or removed) must fail.
    @Test func theSnapshotPresetNeverChanges() {
        #expect(ExecutionSnapshot.preset.strings == [
            "id", "name", "machine", "input", "startedAt", "status", "output", "error", "cause", "stoppedAt", "runs", "nextRunID",
            "nextEventID", "transitions", "timers", "parent", "slot", "scope", "state", "phase", "enteredEventID", "enteredAt",
            "lastEventID", "visits", "retries", "retryCount", "token", "ready", "waiting", "task", "retrying", "children", "until",
            "attempt", "lastHeartbeat", "items", "results", "started", "running", "completed", "failures", "firstError",
            "maxConcurrency", "tolerated", "hasTolerance", "due", "sequence", "runID", "kind", "wait", "retry", "taskTimeout",
            "heartbeat", "executionTimeout", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "",
        ])
    }
}
