import Determinism
import TestSupport
import Testing

/// The virtual clock runs its loop and its jobs on a thread of its own; a run may stop at a deadline
/// and the next run go on from there, with the jobs still asleep.
@Suite struct VirtualClockTests {
    static let start = Instant(millisecondsSinceEpoch: 0)

    @Test(.timeLimit(.minutes(1)))
    func aJobAsleepPastTheDeadlineWakesInTheNextRun() async {
        let clock = VirtualClock(start: Self.start)
        let woke = Locked<[Int64]>([])
        clock.spawn {
            await clock.sleep(for: .seconds(10))
            woke.withLock { $0.append(clock.now.millisecondsSinceEpoch) }
            await clock.sleep(for: .seconds(10))
            woke.withLock { $0.append(clock.now.millisecondsSinceEpoch) }
        }
        await clock.run(until: Self.start.advanced(by: .seconds(5)))
        #expect(woke.value.isEmpty)
        #expect(clock.now == Self.start.advanced(by: .seconds(5)))
        await clock.run(until: Self.start.advanced(by: .seconds(15)))
        #expect(woke.value == [10_000])
        await clock.run()
        #expect(woke.value == [10_000, 20_000])
    }

    @Test func jobsRunInDueOrderThenInTheOrderTheyWereScheduled() async {
        let clock = VirtualClock(start: Self.start)
        let order = Locked<[String]>([])
        for (name, seconds) in [("c", 3), ("a", 1), ("b", 1), ("d", 0)] {
            clock.spawn {
                await clock.sleep(for: .seconds(Int64(seconds)))
                order.withLock { $0.append(name) }
            }
        }
        await clock.run()
        #expect(order.value == ["d", "a", "b", "c"])
        #expect(clock.now == Self.start.advanced(by: .seconds(3)))
    }

    @Test(.timeLimit(.minutes(1)))
    func sleepersHandingOverToEachOtherStopAtTheDeadline() async {
        let clock = VirtualClock(start: Self.start)
        let woke = Locked<[String]>([])
        for name in ["a", "b"] {
            clock.spawn {
                for _ in 0..<4 {
                    await clock.sleep(for: .seconds(1))
                    woke.withLock { $0.append("\(name)\(clock.now.millisecondsSinceEpoch / 1_000)") }
                }
            }
        }
        await clock.run(until: Self.start.advanced(by: .milliseconds(2_500)))
        #expect(woke.value == ["a1", "b1", "a2", "b2"])
        #expect(clock.now == Self.start.advanced(by: .milliseconds(2_500)))
        await clock.run()
        #expect(woke.value == ["a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4"])
        #expect(clock.itemsRun == 10)
    }
}

