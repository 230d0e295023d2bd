import Determinism

extension WorkflowEngine {
    /// Fires every timer due now, in (due, sequence) order, then commits and arms the next wake-up;
    /// `wake` is the instant this call was scheduled at.
    func fireDueTimers(wake: Instant) {
        let now = clock.now
        let due = core.withLock { core in
            core.wakes.ran(at: wake)
            var due: [TimerEntry] = []
            while let timer = core.popDueTimer(now: now) { due.append(timer) }
            return due
        }
        var calls: [TaskCall] = []
        var finished: [ExecutionSummary] = []
        do {
            try prefetch(due.map(\.executionID))
        } catch {
            recordFailure(error)
        }
        for timer in due {
            let (newCalls, newlyFinished) = deliver(.timerFired(timer), to: timer.executionID, firing: timer)
            calls += newCalls
            finished += newlyFinished
        }
        proceed(with: calls, finished: finished)
    }

    /// Asks the clock to call ``fireDueTimers(wake:)`` when the earliest timer is due, unless a call is
    /// already pending at or before it.
    func scheduleWake() {
        let due: Instant? = core.withLock { core in
            guard let next = core.nextTimer() else { return nil }
            if let earliest = core.wakes.earliest, earliest <= next.due { return nil }
            core.wakes.schedule(at: next.due)
            return next.due
        }
        guard let due else { return }
        clock.schedule(at: due) { [self] in fireDueTimers(wake: due) }
    }

    /// When the window has run half dry and more timers are stored after it, reads the next ones on the
    /// read-ahead's queue and adds them, so the engine's thread seldom stops to reload the window itself.
    /// The timers read are dropped when a batch lands or the horizon moves meanwhile (the next change
    /// asks again); ``reloadTimerWindow()`` remains for a window that runs dry first.
    func extendTimerWindowInBackground() {
        guard let readAhead else { return }
        let request: (after: TimerEntry, written: Int, generation: Int, limit: Int)? = core.withLock { core in
            guard !core.extendingWindow, let horizon = core.horizon, core.timers.count < core.window / 2 else { return nil }
            core.extendingWindow = true
            return (horizon, core.commitsWritten, core.windowGeneration, core.window - core.timers.count)
        }
        guard let request else { return }
        readAhead.submit { [self] in
            let read = try? store.earliestTimers(after: request.after, limit: request.limit)
            core.withLock { core in
                core.extendingWindow = false
                guard let read, core.commitsWritten == request.written, core.windowGeneration == request.generation, core.horizon == request.after else { return }
                core.extend(stored: read.timers, hasMore: read.hasMore)
            }
        }
    }

    /// Replaces the in-memory window with the earliest timers: the store's, corrected by the batches not
    /// yet written, so the engine goes on while the writer commits. When batches keep landing during the
    /// read, it writes everything staged first and reads again.
    func reloadTimerWindow() throws {
        for _ in 0..<3 {
            // Read past the stored timers whose removal is not written yet, so the window fills with live ones.
            let (written, removals) = core.withLock { ($0.commitsWritten, $0.unwrittenRemoved.count) }
            let (stored, hasMore) = try store.earliestTimers(limit: options.timerWindow + removals)
            let refilled = core.withLock { core in
                guard core.commitsWritten == written else { return false }
                core.refill(stored: stored, hasMore: hasMore)
                return true
            }
            if refilled { return }
        }
        try flush()
        let (stored, hasMore) = try store.earliestTimers(limit: options.timerWindow)
        core.withLock { $0.refill(stored: stored, hasMore: hasMore) }
    }
}
