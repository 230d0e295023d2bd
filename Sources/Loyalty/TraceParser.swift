import Foundation
import JSON

/// Builds a ``Trace`` from lines fed one at a time, collecting every problem instead of stopping at the first.
///
/// Besides each line's own fields it checks what only the whole trace shows: an id used twice with
/// different content, and a refund whose purchase, present in the trace, is not a purchase or does not match it.
public struct TraceParser {
    /// Problems kept for the report; more are counted but not kept.
    public static var problemLimit: Int { 20 }

    private let file: String
    private let decoder = EventDecoder()
    private var events: [LoyaltyEvent] = []
    private var lines: [Int] = []
    private var indexByID: [HashedID: Int] = [:]
    private var duplicateLines = 0
    private var problems: [TraceError.Problem] = []
    private var problemCount = 0

    /// Starts a trace read from `file` (used in messages only), with room for `capacity` events (a
    /// million-event trace spent a fifth of its building growing the table of ids).
    public init(file: String, capacity: Int = 0) {
        self.file = file
        guard capacity > 0 else { return }
        events.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        indexByID.reserveCapacity(capacity)
    }

    /// Adds the line numbered `number` (1-based). Blank lines are skipped.
    public mutating func add(line: String, number: Int) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        add(bytes: Array(line.utf8), number: number)
    }

    /// Adds the line numbered `number` given as an array of UTF-8 bytes without its newline. Blank lines
    /// are skipped.
    public mutating func add(bytes: [UInt8], number: Int) {
        guard !Self.isBlank(bytes) else { return }
        let event: LoyaltyEvent
        do {
            event = try decoder.decode(bytes: bytes)
        } catch {
            report(TraceError.Problem(line: number, error))
            return
        }
        add(event: event, number: number)
    }

    /// Adds the line numbered `number` already read as a JSON object (a CSV line, cell by cell), with
    /// the same checks as a JSON line.
    public mutating func add(object: JSONObject, number: Int) {
        do {
            add(event: try decoder.decode(object: object), number: number)
        } catch {
            report(TraceError.Problem(line: number, error))
        }
    }

    /// Records what is wrong with the line numbered `number` as a whole, found while reading it.
    public mutating func add(problem: LineProblem, number: Int) {
        report(TraceError.Problem(line: number, problem))
    }

    /// Adds an event already read, as line `number` (a generated trace's events come built, not as text).
    public mutating func add(event: LoyaltyEvent, number: Int) {
        let key = HashedID(event.id)
        if let index = indexByID[key] {
            let earlier = events[index]
            if earlier == event {
                duplicateLines += 1
            } else {
                let fields = EventDifference.fields(between: earlier, and: event)
                report(
                    TraceError.Problem(
                        line: number, field: "id",
                        reason: "'\(event.id)' was already used on line \(lines[index]) for a different event (\(fields) differ)"
                    )
                )
            }
            return
        }
        indexByID[key] = events.count
        events.append(event)
        lines.append(number)
    }

    /// Checks refunds against their purchases and returns the trace, or throws every problem found. A
    /// trace already in time order (as generated ones are) is returned without a sorted copy.
    public mutating func finish() throws(TraceError) -> Trace {
        checkRefunds()
        guard problems.isEmpty else {
            throw TraceError(file: file, problems: problems.sorted { $0.line < $1.line }, problemCount: problemCount)
        }
        indexByID = [:]
        let inOrder = zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time }
        if inOrder { return Trace(file: file, events: events, lines: lines, duplicateLines: duplicateLines) }
        let order = events.indices.sorted { a, b in
            events[a].time != events[b].time ? events[a].time < events[b].time : lines[a] < lines[b]
        }
        return Trace(file: file, events: order.map { events[$0] }, lines: order.map { lines[$0] }, duplicateLines: duplicateLines)
    }

    private mutating func checkRefunds() {
        for (index, event) in events.enumerated() {
            guard case .refund(let refund) = event.kind, let target = indexByID[HashedID(refund.purchase)] else { continue }
            let line = lines[index]
            let targetLine = lines[target]
            guard case .purchase(let purchase) = events[target].kind else {
                report(
                    TraceError.Problem(
                        line: line, field: "purchase",
                        reason: "names '\(refund.purchase)', which is a \(events[target].type.rawValue) (line \(targetLine)), not a purchase"
                    )
                )
                continue
            }
            if let participant = refund.participant, participant != purchase.participant {
                let owner = purchase.participant.map { "'\($0)'" } ?? "an anonymous member"
                report(
                    TraceError.Problem(
                        line: line, field: "participant",
                        reason: "is '\(participant)', but purchase '\(refund.purchase)' (line \(targetLine)) was made by \(owner)"
                    )
                )
            } else if refund.amount != purchase.price {
                report(
                    TraceError.Problem(
                        line: line, field: "amount",
                        reason: "is \(refund.amount), but purchase '\(refund.purchase)' (line \(targetLine)) cost \(purchase.price); a refund voids the whole purchase"
                    )
                )
            }
        }
    }

    private mutating func report(_ problem: TraceError.Problem) {
        problemCount += 1
        if problems.count < Self.problemLimit { problems.append(problem) }
    }

    /// Whether a line holds nothing but spaces, tabs and carriage returns: a blank line, which a trace
    /// may have anywhere and which is skipped.
    public static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}

/// An event id with its hash kept beside it. A dictionary compares the keys of every bucket it probes;
/// generated ids (`VM-00858-0001299`) are one byte too long to be compared inline, so keyed by the id
/// alone, a trace of a million events spent a tenth of its reading in `memcmp`. Comparing the kept
/// hashes first leaves the text compared only when they match.
private struct HashedID: Hashable {
    let id: EventID
    let hash: Int

    init(_ id: EventID) {
        self.id = id
        hash = id.hashValue
    }

    static func == (lhs: HashedID, rhs: HashedID) -> Bool {
        lhs.hash == rhs.hash && lhs.id == rhs.id
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }
}
