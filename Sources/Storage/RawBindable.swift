import GRDBSQLite
import Workflows

/// A value ``RawStatement`` binds to a parameter: an integer, text, compact JSON or a snapshot, or NULL
/// for an optional that is nil.
protocol RawBindable {
    /// Binds the value to the 1-based parameter `index` of `handle`.
    func bind(to handle: OpaquePointer, at index: Int32)
}

extension Int64: RawBindable {
    func bind(to handle: OpaquePointer, at index: Int32) {
        sqlite3_bind_int64(handle, index, self)
    }
}

extension Int: RawBindable {
    func bind(to handle: OpaquePointer, at index: Int32) {
        sqlite3_bind_int64(handle, index, Int64(self))
    }
}

extension String: RawBindable {
    /// Binds the text (SQLite copies it).
    func bind(to handle: OpaquePointer, at index: Int32) {
        var text = self
        text.withUTF8 { bindText($0, to: handle, at: index) }
    }
}

extension ArraySlice: RawBindable where Element == UInt8 {
    /// Binds the bytes as a blob.
    func bind(to handle: OpaquePointer, at index: Int32) {
        withUnsafeBytes { bindBlob($0, to: handle, at: index) }
    }
}

extension ExecutionSnapshot: RawBindable {
    /// Binds a compact snapshot as a blob, one written as JSON text as text.
    func bind(to handle: OpaquePointer, at index: Int32) {
        if isCompact {
            bindBlob(bytes, to: handle, at: index)
        } else {
            bytes.withUnsafeBufferPointer { bindText($0, to: handle, at: index) }
        }
    }
}

extension Optional: RawBindable where Wrapped: RawBindable {
    /// Binds the value, or NULL when nil.
    func bind(to handle: OpaquePointer, at index: Int32) {
        if let value = self { value.bind(to: handle, at: index) } else { sqlite3_bind_null(handle, index) }
    }
}

/// Binds bytes as a blob (SQLite copies them).
private func bindBlob(_ bytes: [UInt8], to handle: OpaquePointer, at index: Int32) {
    bytes.withUnsafeBytes { bindBlob($0, to: handle, at: index) }
}

/// Binds the bytes at `raw` as a blob (SQLite copies them).
private func bindBlob(_ raw: UnsafeRawBufferPointer, to handle: OpaquePointer, at index: Int32) {
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    guard let start = raw.baseAddress, !raw.isEmpty else {
        sqlite3_bind_zeroblob(handle, index, 0)
        return
    }
    sqlite3_bind_blob(handle, index, start, Int32(raw.count), transient)
}

/// Binds UTF-8 text held in bytes (SQLite copies it).
private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, to handle: OpaquePointer, at index: Int32) {
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    guard let start = bytes.baseAddress, !bytes.isEmpty else {
        _ = "".withCString { sqlite3_bind_text(handle, index, $0, 0, transient) }
        return
    }
    start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
        _ = sqlite3_bind_text(handle, index, characters, Int32(bytes.count), transient)
    }
}
