import Foundation
import JSON
import Loyalty

/// Reads the lines of a trace written as comma-separated values (`vendingpass generate --format csv`,
/// or a spreadsheet's export): a header line of the trace format's field names, in any order, then one
/// event per line. An empty cell is an absent field. Each line becomes the JSON object its JSON Lines
/// form would be, so it is checked by the same rules with the same messages.
///
/// Cells may be quoted as RFC 4180 has it (`"a ""quoted"" cell"`), but a cell cannot hold a line break.
struct CSVTraceReader {
    /// The header's field names, in column order.
    let columns: [String]

    /// The reader for a trace whose first line is `header`; nil when that line is not a CSV header (a
    /// JSON Lines trace), which is a line with no `{` naming at least two of the trace format's fields.
    ///
    /// - Throws: a ``Loyalty/LineProblem`` when the header names a field twice, a field the format does
    ///   not have, or not all of `id`, `type` and `time`.
    init?(header: [UInt8]) throws(LineProblem) {
        guard !header.contains(UInt8(ascii: "{")), let names = try? Self.cells(of: header),
            names.filter(EventDecoder.fieldNames.contains).count >= 2
        else { return nil }
        if let unknown = names.first(where: { !EventDecoder.fieldNames.contains($0) }) {
            let hint = EditDistance.suggestion(for: unknown, among: EventDecoder.fieldNames).map { "did you mean '\($0)'?" }
            throw LineProblem(
                field: nil,
                reason: "is a CSV header naming '\(unknown)', which is not a field of the trace format (\(hint ?? EventDecoder.fieldNames.sorted().joined(separator: ", ")))"
            )
        }
        if let repeated = names.first(where: { name in names.count { $0 == name } > 1 }) {
            throw LineProblem(field: nil, reason: "is a CSV header naming '\(repeated)' twice")
        }
        if let missing = ["id", "type", "time"].first(where: { !names.contains($0) }) {
            throw LineProblem(field: nil, reason: "is a CSV header without '\(missing)', which every event needs")
        }
        columns = names
    }

    /// The event's fields as the JSON object its JSON Lines form would be.
    ///
    /// - Throws: a ``Loyalty/LineProblem`` when the line has another number of cells than the header,
    ///   a quote that does not close, or an amount that is not a number.
    func object(of line: [UInt8]) throws(LineProblem) -> JSONObject {
        let cells = try Self.cells(of: line)
        guard cells.count == columns.count else {
            throw LineProblem(field: nil, reason: "has \(cells.count) cells, but the header names \(columns.count) fields")
        }
        var members: [(key: String, value: JSONValue)] = []
        for (name, cell) in zip(columns, cells) where !cell.isEmpty {
            if name == "amount" {
                guard let number = Double(cell), number.isFinite else {
                    throw LineProblem(field: "amount", reason: "must be a whole number of minor units, not '\(cell)'")
                }
                members.append((name, .number(number)))
            } else {
                members.append((name, .string(cell)))
            }
        }
        return JSONObject(uniqueMembers: members)
    }

    /// The cells of one line, unquoted.
    private static func cells(of line: [UInt8]) throws(LineProblem) -> [String] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var cells: [String] = []
        var cell: [UInt8] = []
        var index = line.startIndex
        var quoted = false
        while index < line.endIndex {
            let byte = line[index]
            index += 1
            if quoted {
                if byte != quote {
                    cell.append(byte)
                } else if index < line.endIndex, line[index] == quote {
                    cell.append(quote)
                    index += 1
                } else {
                    quoted = false
                    guard index == line.endIndex || line[index] == comma else {
                        throw LineProblem(field: nil, reason: "has text after the closing quote of cell \(cells.count + 1)")
                    }
                }
            } else if byte == comma {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell = []
            } else if byte == quote, cell.isEmpty {
                quoted = true
            } else {
                cell.append(byte)
            }
        }
        guard !quoted else { throw LineProblem(field: nil, reason: "has a quote in cell \(cells.count + 1) that does not close on the line") }
        cells.append(String(decoding: cell, as: UTF8.self))
        return cells
    }
}
