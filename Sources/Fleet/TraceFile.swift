import Foundation
import Loyalty

/// Reads trace files: JSON Lines, the format of `CONTRACT.md`, or the comma-separated values that
/// `vendingpass generate --format csv` writes (told apart by the first line: a header of field names).
public enum TraceFile {
    private static let chunkSize = 1 << 20

    /// Reads and validates the whole trace at `path`, calling `progress` with the bytes read so far and
    /// the file's size after each chunk.
    ///
    /// - Throws: ``TraceFileError`` when the file cannot be opened, or ``Loyalty/TraceError`` naming
    ///   every bad line (file, line number and field).
    public static func read(_ path: String, progress: (_ bytesRead: Int, _ fileSize: Int) -> Void = { _, _ in }) throws -> Trace {
        var parser = TraceParser(file: path)
        var csv: CSVTraceReader?
        var badHeader = false
        try forEachLine(in: path, progress: progress) { data, number in
            if number == 1 {
                do throws(LineProblem) {
                    csv = try CSVTraceReader(header: data)
                } catch {
                    parser.add(problem: error, number: number)
                    badHeader = true
                }
                if csv != nil || badHeader { return }
            }
            if badHeader { return }
            if let csv {
                guard !data.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return }
                do throws(LineProblem) {
                    parser.add(object: try csv.object(of: data), number: number)
                } catch {
                    parser.add(problem: error, number: number)
                }
            } else {
                parser.add(data: data, number: number)
            }
        }
        return try parser.finish()
    }

    /// Calls `body` with each line of the file (without its line break) and its 1-based number,
    /// reading the file in chunks so memory does not grow with the file, and `progress` with the bytes
    /// read so far and the file's size after each chunk.
    public static func forEachLine(
        in path: String, progress: (_ bytesRead: Int, _ fileSize: Int) -> Void = { _, _ in }, _ body: (Data, Int) throws -> Void
    ) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TraceFileError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw TraceFileError(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TraceFileError(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var bytesRead = 0
        var pending = Data()
        var number = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw TraceFileError(path: path, reason: "\(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            pending.append(chunk)
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                number += 1
                try body(line(pending[lineStart..<newline], number: number), number)
                lineStart = pending.index(after: newline)
            }
            pending = Data(pending[lineStart...])
            bytesRead += chunk.count
            progress(bytesRead, max(size, bytesRead))
        }
        if !pending.isEmpty {
            number += 1
            try body(line(pending, number: number), number)
        }
    }

    /// A line without its carriage return, and without the UTF-8 byte order mark on line 1.
    private static func line(_ bytes: Data, number: Int) -> Data {
        var slice = bytes[...]
        if number == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        return Data(slice)
    }
}
