/// How the loyalty handler turns a purchase event into backend calls.
public enum Strategy: String, CaseIterable, Sendable {
    /// CountPoints, then UpdateParticipant right away: loses updates while counts settle.
    case direct
    /// CountPoints, sleep `wait` inside the handler, then UpdateParticipant: loses none, bills the wait.
    case sleep
    /// Starts the Task → Wait → Task state machine on the workflow engine.
    case orchestrated
    /// Ours: waits only until the backend reports the count settled, and guards UpdateParticipant
    /// against stale and out-of-order overwrites.
    case adaptive
}
