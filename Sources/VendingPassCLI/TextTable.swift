/// A plain-text table with aligned columns: text to the left, numbers to the right.
struct TextTable {
    /// A column's heading and alignment.
    struct Column {
        let heading: String
        let alignsRight: Bool

        static func text(_ heading: String) -> Column { Column(heading: heading, alignsRight: false) }
        static func number(_ heading: String) -> Column { Column(heading: heading, alignsRight: true) }
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "a row must have one cell per column")
        rows.append(row)
    }

    /// The table with a heading line, two spaces between columns, no trailing spaces.
    var rendered: String { render(withHeadings: true) }

    /// The rows alone, indented by two spaces: for label–value summaries.
    var renderedWithoutHeadings: String {
        render(withHeadings: false).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }

    private func render(withHeadings: Bool) -> String {
        let widths = columns.indices.map { index in
            rows.reduce(withHeadings ? columns[index].heading.count : 0) { max($0, $1[index].count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index > 0 { text += "  " }
                text += columns[index].alignsRight ? padding + cell : cell + padding
            }
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        return ((withHeadings ? [line(columns.map(\.heading))] : []) + rows.map(line)).joined(separator: "\n")
    }
}
