import Foundation
import Loyalty

/// Reads trace files: JSON Lines, the format of `CONTRACT.md`, or the comma-separated values that
/// `vendingpass generate --format csv` writes (told apart by the first line: a header of field names).
public enum TraceFile {
    /// Reads and validates the whole trace at `path`, calling `progress` with the bytes read so far and
    /// the file's size after each chunk.
    ///
    /// - Throws: ``TraceFileError`` when the file cannot be opened, or ``Loyalty/TraceError`` naming
    ///   every bad line (file, line number and field).
    public static func read(_ path: String, progress: (_ bytesRead: Int, _ fileSize: Int) -> Void = { _, _ in }) throws -> Trace {
        var parser = TraceParser(file: path)
        var lines = try LineReader(path: path)
        defer { lines.close() }
        var csv: CSVTraceReader?
        var reported = 0
        while let line = try lines.next() {
            let number = lines.number
            if lines.bytesRead != reported {
                reported = lines.bytesRead
                progress(reported, max(lines.size, reported))
            }
            if number == 1 {
                do throws(LineProblem) {
                    csv = try CSVTraceReader(header: line)
                } catch {
                    parser.add(problem: error, number: number)
                    break
                }
                if csv != nil { continue }
            }
            if let csv {
                guard !TraceParser.isBlank(line) else { continue }
                do throws(LineProblem) {
                    parser.add(object: try csv.object(of: line), number: number)
                } catch {
                    parser.add(problem: error, number: number)
                }
            } else {
                parser.add(bytes: line, number: number)
            }
        }
        return try parser.finish()
    }
}
