/// Ends a command with a status after it printed its own output (a failed execution's error object, say).
struct SilentExit: Error {
    let status: Int32
}
