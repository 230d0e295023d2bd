import JSON

/// An execution's saved state as a store keeps it: compact JSON (`CompactJSONWriter`'s form,
/// where the input the execution's runs and output repeat is stored once, and the keys every snapshot
/// holds are numbers of a fixed list of strings), or JSON text in files written before snapshots were compact.
public struct ExecutionSnapshot: Hashable, Sendable {
    /// The stored bytes.
    public let bytes: [UInt8]
    /// Whether the bytes are compact JSON rather than JSON text.
    public let isCompact: Bool

    /// A snapshot in compact form.
    public init(compact bytes: [UInt8]) {
        self.bytes = bytes
        isCompact = true
    }

    /// A snapshot written as JSON text.
    public init(text: String) {
        bytes = Array(text.utf8)
        isCompact = false
    }

    /// No snapshot: what a store that keeps nothing across a restart is given.
    public static let none = ExecutionSnapshot(compact: [])

    /// The snapshot as a JSON document.
    public func document() throws -> JSONValue {
        guard isCompact else { return try JSONParser.parse(bytes: bytes) }
        guard bytes.first == Self.presetMark else {
            var reader = CompactJSONReader(bytes)
            return try reader.readValue()
        }
        var reader = CompactJSONReader(bytes, preset: Self.preset)
        _ = try reader.readUnsigned()
        return try reader.readValue()
    }

    /// A writer for snapshots: ``ExecutionState`` writes ``presetMark``, then the execution with ``preset``.
    static func makeWriter() -> CompactJSONWriter {
        CompactJSONWriter(capacity: 4_096, preset: preset)
    }

    /// The first byte of a snapshot written with ``preset``: compact snapshots written before it start
    /// with a value's tag, which is lower.
    static let presetMark: UInt8 = 0x40

    /// The keys of a snapshot, its runs, their phases and timers, and the values of its enumerations:
    /// about two thirds of a Vending Pass snapshot's bytes when each snapshot spelled them out. Part of
    /// the stored format: never changed or reordered (a new list needs a new mark).
    static let preset = CompactJSONPreset(Key.allCases.map(\.string))

    /// The strings of ``preset``, numbered in its order (their raw values), so a snapshot writes its keys
    /// by number without hashing them. Part of the stored format: cases are never reordered or removed.
    enum Key: Int, CaseIterable {
        case id, name, machine, input, startedAt, status, output, error, cause, stoppedAt, runs, nextRunID
        case nextEventID, transitions, timers, parent, slot, scope, state, phase, enteredEventID, enteredAt
        case lastEventID, visits, retries, retryCount, token, ready, waiting, task, retrying, children, until
        case attempt, lastHeartbeat, items, results, started, running, completed, failures, firstError
        case maxConcurrency, tolerated, hasTolerance, due, sequence, runID, kind, wait, retry, taskTimeout
        case heartbeat, executionTimeout, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, empty

        /// The string: the case's name, or "" for `empty`.
        var string: String { self == .empty ? "" : "\(self)" }
    }
}
