import Foundation
import Loyalty

/// Parses generated JSON Lines as they are written, so a generated trace is never held as text:
/// only its parsed events stay in memory.
///
/// ```swift
/// var sink = TraceParsingSink(file: "fleet.yaml (generated)")
/// try generator.generate(into: &sink, format: .jsonl)
/// let trace = try sink.finish()
/// ```
public struct TraceParsingSink: ByteSink {
    private var parser: TraceParser
    private var pending: [UInt8] = []
    private var number = 0

    /// A sink whose trace is named `file` in messages.
    public init(file: String) {
        parser = TraceParser(file: file)
    }

    public mutating func write(_ bytes: [UInt8]) throws {
        var lineStart = 0
        while let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            if pending.isEmpty {
                add(bytes[lineStart..<newline])
            } else {
                pending += bytes[lineStart..<newline]
                add(pending[...])
                pending.removeAll(keepingCapacity: true)
            }
            lineStart = newline + 1
        }
        pending += bytes[lineStart...]
    }

    /// Parses the last line, if it had no line break, and returns the trace.
    ///
    /// - Throws: ``Loyalty/TraceError`` naming every bad line.
    public mutating func finish() throws(TraceError) -> Trace {
        if !pending.isEmpty {
            add(pending[...])
            pending = []
        }
        return try parser.finish()
    }

    private mutating func add(_ line: ArraySlice<UInt8>) {
        number += 1
        parser.add(data: Data(line), number: number)
    }
}
