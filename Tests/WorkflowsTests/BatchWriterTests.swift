import Dispatch
import Synchronization
import Testing

@testable import Workflows

@Suite struct BatchWriterTests {
    /// The writer takes a second batch while it writes the first, so the engine goes on; a third waits
    /// until the first is written; all are written in the order submitted.
    @Test func twoBatchesAreHeldAndAllAreWrittenInOrder() {
        let writer = BatchWriter()
        let firstMayFinish = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        writer.submit {
            firstMayFinish.wait()
            written.withLock { $0.append(1) }
        }
        writer.submit { written.withLock { $0.append(2) } }
        #expect(writer.isFull)

        let thirdSubmitted = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            writer.submit { written.withLock { $0.append(3) } }
            thirdSubmitted.signal()
        }
        // The first batch cannot finish before the signal below, so the third cannot have been taken.
        #expect(thirdSubmitted.wait(timeout: .now() + .milliseconds(100)) == .timedOut)
        firstMayFinish.signal()
        thirdSubmitted.wait()
        writer.drain()
        #expect(written.withLock { $0 } == [1, 2, 3])
        #expect(!writer.isFull)
    }
}
