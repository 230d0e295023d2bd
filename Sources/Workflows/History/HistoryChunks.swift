import JSON

/// The history chunks of one batch (``HistoryChunk``, one per execution that recorded events), in one
/// buffer: a commit allocates it once instead of once per execution, and frees it at once.
public struct HistoryChunks: Sendable {
    /// Where one execution's chunk is.
    public struct Entry: Sendable {
        public let executionID: String
        /// The id of the chunk's first event.
        public let firstEventID: Int
        let range: Range<Int>
    }

    /// Every chunk's bytes, one after another.
    private var buffer: [UInt8] = []
    /// The chunks, in the order they were added.
    public private(set) var entries: [Entry] = []

    /// No chunks.
    public init() {}

    /// Whether no execution recorded events.
    public var isEmpty: Bool { entries.isEmpty }

    /// The bytes of `entry`'s chunk.
    public func bytes(of entry: Entry) -> ArraySlice<UInt8> {
        buffer[entry.range]
    }

    /// Adds the chunk of `events` (not empty) for the execution `executionID`, encoded with `writer`
    /// (from ``HistoryChunk/makeWriter()``).
    public mutating func append(executionID: String, events: [HistoryEvent], writer: inout CompactJSONWriter) {
        HistoryChunk.encode(events, into: &writer)
        let start = buffer.count
        buffer.append(contentsOf: writer.bytes)
        entries.append(Entry(executionID: executionID, firstEventID: events[0].id, range: start..<buffer.count))
    }

    /// Room for `count` chunks of about `bytes` bytes in all.
    public mutating func reserveCapacity(chunks count: Int, bytes: Int) {
        entries.reserveCapacity(count)
        buffer.reserveCapacity(bytes)
    }
}
