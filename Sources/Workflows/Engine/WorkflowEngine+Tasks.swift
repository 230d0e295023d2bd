import JSON
import StatesLanguage

extension WorkflowEngine {
    /// Runs a task's handler as a job on the clock and delivers its result.
    func invoke(_ call: TaskCall) {
        switch registry.handler(for: call.invocation.resource) {
        case .immediate(let handler)?:
            // It answers before any heartbeat could matter: the invocation as the interpreter made it, whose heartbeat does nothing.
            let result = Self.outcome { try handler(call.invocation) }
            clock.schedule(at: clock.now) { [self] in complete(call, with: result) }
        case .async(let handler)?:
            let executionID = call.invocation.executionID
            let heartbeat: @Sendable () -> Void = { [self] in
                _ = deliver(.heartbeat(runID: call.runID, token: call.token), to: executionID)
            }
            let invocation = TaskInvocation(
                resource: call.invocation.resource, input: call.invocation.input, idempotencyKey: call.invocation.idempotencyKey,
                executionID: executionID, stateName: call.invocation.stateName, attempt: call.invocation.attempt, heartbeat: heartbeat
            )
            clock.spawn { [self] in
                let result: Result<JSONValue, StatesError>
                do {
                    result = .success(try await handler(invocation))
                } catch {
                    result = Self.failure(error)
                }
                complete(call, with: result)
            }
        case nil:
            let failure = StatesError(StatesError.taskFailed, cause: "No handler is registered for the resource '\(call.invocation.resource)'.")
            clock.schedule(at: clock.now) { [self] in complete(call, with: .failure(failure)) }
        }
    }

    /// Delivers a task's result and performs what follows from it.
    private func complete(_ call: TaskCall, with result: Result<JSONValue, StatesError>) {
        let (calls, finished) = deliver(.taskCompleted(runID: call.runID, token: call.token, result: result), to: call.invocation.executionID)
        proceed(with: calls, finished: finished)
    }

    private static func outcome(_ body: () throws -> JSONValue) -> Result<JSONValue, StatesError> {
        do {
            return .success(try body())
        } catch {
            return failure(error)
        }
    }

    /// A handler's error as Step Functions names it: a ``TaskFailure`` keeps its name, anything else is `States.TaskFailed`.
    private static func failure(_ error: any Error) -> Result<JSONValue, StatesError> {
        if let failure = error as? TaskFailure { return .failure(StatesError(failure.error, cause: failure.cause)) }
        return .failure(StatesError(StatesError.taskFailed, cause: "\(error)"))
    }
}
