import Foundation

/// Writes a file so that it is whole or absent: into a temporary file beside it, renamed at the end.
enum AtomicFile {
    static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError.unwritableFile(path: path)
        }
        do {
            try body(handle)
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
