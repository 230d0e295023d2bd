import Determinism
import JSON

/// The events one commit added to one execution's history, as a store keeps them (one row of
/// `workflow_history`). The engine encodes them as it takes a batch, on its own thread, which
/// recorded them a moment before: the events are freed there and then, and the writer's thread, which
/// had copied each event out (retaining what it holds) to encode it, only stores the bytes.
///
/// Written as a blob in `CompactJSONWriter`'s form, where the input that half the events repeat is
/// stored once, and event types, keys and the role's ARN are numbers of ``preset`` (a Vending Pass
/// execution's history is about an eighth of its JSON text). Chunks of the first version spell those
/// strings out once per chunk; files written before that hold the events as a JSON array in text,
/// which ``decode(text:)`` still reads.
public enum HistoryChunk {
    /// The first byte of a compact chunk: its format's version, 2 since chunks use ``preset``.
    private static let version: UInt8 = 2

    /// The strings every chunk repeats: Step Functions' event types, the details' keys, and the values
    /// every execution records (its role, the region, the service of a Lambda resource). Part of the
    /// stored format: never changed or reordered (a new list needs a new version).
    public static let preset = CompactJSONPreset([
        "ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "PassStateEntered", "PassStateExited",
        "TaskStateEntered", "TaskStateExited", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskFailed", "TaskTimedOut",
        "WaitStateEntered", "WaitStateExited", "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered",
        "SucceedStateExited", "FailStateEntered", "ParallelStateEntered", "ParallelStateStarted", "ParallelStateSucceeded",
        "ParallelStateFailed", "ParallelStateExited", "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateFailed",
        "MapStateExited", "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed", "name", "input", "output",
        "resource", "resourceType", "region", "parameters", "timeoutInSeconds", "heartbeatInSeconds", "roleArn", "error", "cause",
        "length", "index", "arn:aws:iam::000000000000:role/vendingpass", "local", "lambda", "swift", "States.TaskFailed",
        "States.Timeout", "States.HeartbeatTimeout", "States.Runtime",
    ])

    /// A writer for chunks.
    public static func makeWriter() -> CompactJSONWriter {
        CompactJSONWriter(capacity: 4_096, preset: preset)
    }

    /// The events in compact form, in `writer` (from ``makeWriter()``, emptied first, so one writer serves a whole commit).
    public static func encode(_ events: some Sequence<HistoryEvent>, into writer: inout CompactJSONWriter) {
        writer.reset()
        writer.write(unsigned: UInt64(version))
        for event in events {
            writer.write(unsigned: UInt64(event.id))
            writer.write(unsigned: UInt64(event.previousEventID))
            writer.write(integer: event.timestamp.millisecondsSinceEpoch)
            writer.write(string: event.type.rawValue)
            event.recorded.write(to: &writer)
        }
    }

    /// A chunk that cannot be read: why.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The events of a compact chunk.
    ///
    /// - Throws: ``Unreadable``, or `CompactJSONError` (`JSON`) for a chunk cut short or garbled.
    public static func decode(blob: [UInt8]) throws -> [HistoryEvent] {
        var reader: CompactJSONReader
        switch blob.first {
        case 1: reader = CompactJSONReader(blob)
        case version: reader = CompactJSONReader(blob, preset: preset)
        default: throw Unreadable(description: "a history chunk in an unknown format")
        }
        _ = try reader.readUnsigned()
        var events: [HistoryEvent] = []
        while !reader.isAtEnd {
            let id = Int(try reader.readUnsigned())
            let previous = Int(try reader.readUnsigned())
            let timestamp = Instant(millisecondsSinceEpoch: try reader.readInteger())
            let typeName = try reader.readString()
            guard let type = HistoryEventType(rawValue: typeName) else { throw Unreadable(description: "a history event of unknown type '\(typeName)'") }
            events.append(HistoryEvent(id: id, previousEventID: previous, timestamp: timestamp, type: type, details: try reader.readValue().objectValue ?? JSONObject()))
        }
        return events
    }

    /// The events of a chunk written as JSON text (by versions before compact chunks).
    public static func decode(text: String) -> [HistoryEvent] {
        ((try? JSONParser.parse(text))?.arrayValue ?? []).compactMap { json in
            guard let id = json["id"]?.integerValue, let previous = json["previous"]?.integerValue, let timestamp = json["timestamp"]?.numberValue,
                let type = json["type"]?.stringValue.flatMap(HistoryEventType.init(rawValue:))
            else { return nil }
            return HistoryEvent(
                id: id, previousEventID: previous, timestamp: Instant(millisecondsSinceEpoch: Int64(timestamp)), type: type,
                details: json["details"]?.objectValue ?? JSONObject()
            )
        }
    }
}
