import Foundation

/// The lines of a file one at a time, as arrays of UTF-8 bytes without their line breaks, read in
/// chunks so that memory does not grow with the file.
///
/// The lines are found with `memchr` in a byte array: scanning a `Data` byte by byte went through
/// Foundation's inlined accessors, each with a dynamic exclusivity check on the data's storage, a third
/// of the time of reading a trace.
struct LineReader {
    private static let chunkSize = 1 << 20

    let path: String
    /// The file's size when it was opened.
    let size: Int
    /// Bytes read from the file so far.
    private(set) var bytesRead = 0
    /// The 1-based number of the line last returned.
    private(set) var number = 0
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var start = 0
    private var atEnd = false

    /// Opens the file at `path`.
    ///
    /// - Throws: ``TraceFileError`` when it is missing, a directory, or cannot be read.
    init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TraceFileError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw TraceFileError(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TraceFileError(path: path, reason: "permission denied")
        }
        self.path = path
        self.handle = handle
        size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// The next line without its line break (and without a carriage return, or the UTF-8 byte order
    /// mark on line 1), or nil at the end of the file.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let newline = nextNewline() {
                number += 1
                let line = trimmed(start..<newline)
                start = newline + 1
                return line
            }
            guard !atEnd else {
                guard start < buffer.count else { return nil }
                number += 1
                let line = trimmed(start..<buffer.count)
                start = buffer.count
                return line
            }
            try readChunk()
        }
    }

    /// Closes the file.
    func close() {
        try? handle.close()
    }

    private func nextNewline() -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
            return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
        }
    }

    /// Appends the next chunk of the file, after dropping the lines already returned.
    private mutating func readChunk() throws {
        let chunk: Data
        do {
            chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
        } catch {
            throw TraceFileError(path: path, reason: "\(error.localizedDescription)")
        }
        buffer.removeSubrange(0..<start)
        start = 0
        if chunk.isEmpty {
            atEnd = true
        } else {
            buffer.append(contentsOf: chunk)
            bytesRead += chunk.count
        }
    }

    /// The bytes of line `number` in `range`, without a carriage return at its end, or the UTF-8 byte
    /// order mark at the start of line 1.
    private func trimmed(_ range: Range<Int>) -> [UInt8] {
        var range = range
        if number == 1, buffer[range].starts(with: [0xEF, 0xBB, 0xBF]) { range = range.dropFirst(3) }
        if let last = range.last, buffer[last] == UInt8(ascii: "\r") { range = range.dropLast() }
        return Array(buffer[range])
    }
}
