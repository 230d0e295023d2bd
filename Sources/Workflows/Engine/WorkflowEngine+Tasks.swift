import StatesLanguage

extension WorkflowEngine {
    /// Runs a task's handler as a job on the clock and delivers its result.
    func invoke(_ call: TaskCall) {
        let executionID = call.invocation.executionID
        let heartbeat: @Sendable () -> Void = { [self] in
            _ = deliver(.heartbeat(runID: call.runID, token: call.token), to: executionID)
        }
        let invocation = TaskInvocation(
            resource: call.invocation.resource, input: call.invocation.input, idempotencyKey: call.invocation.idempotencyKey,
            executionID: executionID, stateName: call.invocation.stateName, attempt: call.invocation.attempt, heartbeat: heartbeat
        )
        let handler = registry.handler(for: invocation.resource)
        clock.spawn { [self] in
            let result: Result<JSONValue, StatesError>
            if let handler {
                do {
                    result = .success(try await handler(invocation))
                } catch let failure as TaskFailure {
                    result = .failure(StatesError(failure.error, cause: failure.cause))
                } catch {
                    result = .failure(StatesError(StatesError.taskFailed, cause: "\(error)"))
                }
            } else {
                result = .failure(StatesError(StatesError.taskFailed, cause: "No handler is registered for the resource '\(invocation.resource)'."))
            }
            let (calls, finished) = deliver(.taskCompleted(runID: call.runID, token: call.token, result: result), to: executionID)
            dispatch(calls, finished: finished)
            do {
                try afterChange(force: false)
            } catch {
                core.withLock { $0.failure = $0.failure ?? error }
            }
        }
    }
}
