import Foundation

/// Where generated trace bytes go.
public protocol ByteSink {
    /// Takes the next bytes of the trace.
    mutating func write(_ bytes: [UInt8]) throws
}

/// Writes to a file handle (a file, or standard output).
public struct FileSink: ByteSink {
    private let handle: FileHandle

    /// Writes to `handle`.
    public init(handle: FileHandle) {
        self.handle = handle
    }

    public mutating func write(_ bytes: [UInt8]) throws {
        try handle.write(contentsOf: bytes)
    }
}

/// Keeps the bytes, for tests.
public struct MemorySink: ByteSink {
    /// Everything written.
    public private(set) var bytes: [UInt8] = []

    /// An empty sink.
    public init() {}

    public mutating func write(_ bytes: [UInt8]) throws {
        self.bytes += bytes
    }
}
