import JSON

/// The history chunks of one batch (``HistoryChunk``, one per execution that recorded events), in one
/// buffer: a commit allocates it once instead of once per execution, and frees it at once. For a store
/// that keeps histories in memory, the engine hands the events over as they are instead: encoding them
/// only for that store to decode them again cost the engine's only thread a fifth of its time.
public struct HistoryChunks: Sendable {
    /// Where one execution's chunk is.
    public struct Entry: Sendable {
        public let executionID: String
        /// The id of the chunk's first event.
        public let firstEventID: Int
        let range: Range<Int>
        /// The events as recorded, when they were added unencoded.
        let events: [HistoryEvent]?
    }

    /// Every chunk's bytes, one after another.
    private var buffer: [UInt8] = []
    /// The chunks, in the order they were added.
    public private(set) var entries: [Entry] = []

    /// No chunks.
    public init() {}

    /// Whether no execution recorded events.
    public var isEmpty: Bool { entries.isEmpty }

    /// The bytes of `entry`'s chunk (encoded now if its events were added unencoded).
    public func bytes(of entry: Entry) -> ArraySlice<UInt8> {
        guard let events = entry.events else { return buffer[entry.range] }
        var writer = HistoryChunk.makeWriter()
        HistoryChunk.encode(events, into: &writer)
        return writer.bytes[...]
    }

    /// The events of `entry`'s chunk.
    ///
    /// - Throws: what ``HistoryChunk/decode(blob:)`` throws for a damaged chunk.
    public func events(of entry: Entry) throws -> [HistoryEvent] {
        if let events = entry.events { return events }
        return try HistoryChunk.decode(blob: Array(buffer[entry.range]))
    }

    /// Adds `events` (not empty) for the execution `executionID` as they are, unencoded.
    public mutating func append(executionID: String, events: [HistoryEvent]) {
        entries.append(Entry(executionID: executionID, firstEventID: events[0].id, range: buffer.count..<buffer.count, events: events))
    }

    /// Adds the chunk of `events` (not empty) for the execution `executionID`, encoded with `writer`
    /// (from ``HistoryChunk/makeWriter()``).
    public mutating func append(executionID: String, events: [HistoryEvent], writer: inout CompactJSONWriter) {
        HistoryChunk.encode(events, into: &writer)
        let start = buffer.count
        buffer.append(contentsOf: writer.bytes)
        entries.append(Entry(executionID: executionID, firstEventID: events[0].id, range: start..<buffer.count, events: nil))
    }

    /// Room for `count` chunks of about `bytes` bytes in all.
    public mutating func reserveCapacity(chunks count: Int, bytes: Int) {
        entries.reserveCapacity(count)
        buffer.reserveCapacity(bytes)
    }
}
