/// A validated trace: its events in delivery order with duplicate deliveries removed.
///
/// Events are delivered at their own time, ties in file order, so the order of lines in the file
/// does not matter except between events at the same millisecond.
public struct Trace: Sendable {
    /// The file the trace came from, as the user named it.
    public let file: String
    /// Distinct events, sorted by time and then by line.
    public let events: [LoyaltyEvent]
    /// The line of each event in ``events``, at the same index.
    public let lines: [Int]
    /// Lines that repeated an earlier event exactly and were ignored.
    public let duplicateLines: Int

    /// Creates a trace from events already validated and ordered.
    init(file: String, events: [LoyaltyEvent], lines: [Int], duplicateLines: Int) {
        self.file = file
        self.events = events
        self.lines = lines
        self.duplicateLines = duplicateLines
    }

    /// Event lines read, duplicates included.
    public var eventLines: Int { events.count + duplicateLines }

    /// Parses a whole trace held in memory, such as a test fixture.
    public static func parse(_ text: String, file: String = "<trace>") throws(TraceError) -> Trace {
        var parser = TraceParser(file: file)
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            parser.add(line: String(line), number: number)
        }
        return try parser.finish()
    }
}
