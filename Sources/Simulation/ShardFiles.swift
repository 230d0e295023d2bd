import Foundation
import Storage

/// The databases of a replay's shards. The first is the replay's own: its `--db` file, or memory. With
/// `--db`, every other shard writes a file beside it, which is merged into it at the end and removed,
/// so the replay leaves one database, as if it had run in one piece.
final class ShardFiles: Sendable {
    /// One database per shard, the replay's own first.
    let all: [DatabaseFile]
    /// The replay's own file, nil in memory.
    private let database: String?
    /// The files of the shards after the first, on disk.
    private let shardPaths: [String]

    /// Opens `count` databases: in memory, or `database` and files beside it.
    ///
    /// - Throws: ``ReplayError/databaseExists(path:)`` when a shard's file is already there.
    init(count: Int, database: String?) throws {
        guard let database else {
            all = try (0..<count).map { _ in try DatabaseFile.inMemory() }
            self.database = nil
            shardPaths = []
            return
        }
        let paths = (1..<max(1, count)).map { Self.shardPath(of: database, index: $0) }
        if let taken = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) { throw ReplayError.databaseExists(path: taken) }
        self.database = database
        shardPaths = paths
        let cache = DatabaseFile.oneRunCacheMebibytes / count
        var files = [try DatabaseFile.createForOneRun(at: database, cacheMebibytes: cache)]
        do {
            for path in paths { files.append(try DatabaseFile.createForOneRun(at: path, cacheMebibytes: cache)) }
        } catch {
            Self.remove([database] + paths)
            throw error
        }
        all = files
    }

    /// Whether ``mergeShards()`` has files to merge: shards on disk beside the replay's own.
    var hasShardsToMerge: Bool { !shardPaths.isEmpty }

    /// Merges every shard's file into the replay's own, and returns the databases that hold the replay
    /// now: the replay's own when it is on disk, every shard's when they are in memory.
    func mergeShards() throws -> [DatabaseFile] {
        guard hasShardsToMerge else { return all }
        for file in all.dropFirst() { try file.close() }
        for path in shardPaths { try all[0].absorb(shardAt: path) }
        return [all[0]]
    }

    /// Removes the replay's own file after a failed run, so that a failure leaves no half-written
    /// database behind (the shards' files go with ``removeShards()``).
    func removeDatabase() {
        guard let database else { return }
        for file in all { try? file.close() }
        Self.remove([database])
    }

    /// Removes the shards' files, merged or not.
    func removeShards() {
        Self.remove(shardPaths)
    }

    /// Removes `database` and every shard file this process writes beside it, without the replay's
    /// `ShardFiles` at hand (a signal handler has only the path).
    static func removeAll(database: String) {
        var paths = [database]
        while FileManager.default.fileExists(atPath: shardPath(of: database, index: paths.count)) {
            paths.append(shardPath(of: database, index: paths.count))
        }
        remove(paths)
    }

    /// The file of shard `index` (from 1) of the replay writing `database` in this process.
    private static func shardPath(of database: String, index: Int) -> String {
        "\(database).shard\(index)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    private static func remove(_ paths: [String]) {
        for path in paths {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
