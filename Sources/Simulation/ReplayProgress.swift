import Synchronization

/// Adds up the events each shard of a replay has published, for one progress report that only goes
/// forward (the shards report from their own threads, one at a time).
final class ReplayProgress: Sendable {
    private let published: Mutex<[Int]>
    private let total: Int
    private let report: @Sendable (Int, Int) -> Void

    /// Progress of `shards` shards publishing `total` events between them, told to `report`.
    init(shards: Int, total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        published = Mutex(Array(repeating: 0, count: shards))
        self.total = total
        self.report = report
    }

    /// Shard `shard` has published `count` events so far.
    func update(shard: Int, published count: Int) {
        published.withLock { published in
            published[shard] = count
            report(published.reduce(0, +), total)
        }
    }
}
