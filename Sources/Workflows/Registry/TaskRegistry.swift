import StatesLanguage

/// Maps Task `Resource` strings to Swift handlers.
///
/// ```swift
/// var registry = TaskRegistry()
/// registry.register("arn:aws:lambda:us-east-1:123456789012:function:CountPoints") { invocation in
///     try await backend.countPoints(invocation.input, key: invocation.idempotencyKey)
/// }
/// ```
/// A resource may also be matched by its last `:`-separated part (`CountPoints`), so one registry serves
/// definitions that name the same function in different accounts or regions.
public struct TaskRegistry: Sendable {
    /// A registered handler: async code run as a job on the clock, or a synchronous answer (mocks, say)
    /// delivered at the same instant without a job.
    public enum Handler: Sendable {
        case async(TaskHandler)
        case immediate(ImmediateTaskHandler)
    }

    private var handlers: [String: Handler] = [:]
    private var fallback: Handler?

    /// An empty registry.
    public init() {}

    /// Registers `handler` for `resource` (a full resource string, or a function's short name).
    public mutating func register(_ resource: String, handler: @escaping TaskHandler) {
        handlers[resource] = .async(handler)
    }

    /// Registers a synchronous handler that answers at once, for `resource`.
    public mutating func registerImmediate(_ resource: String, handler: @escaping ImmediateTaskHandler) {
        handlers[resource] = .immediate(handler)
    }

    /// Registers a handler for every resource that has none of its own.
    public mutating func registerFallback(_ handler: @escaping TaskHandler) {
        fallback = .async(handler)
    }

    /// Registers a synchronous handler for every resource that has none of its own.
    public mutating func registerImmediateFallback(_ handler: @escaping ImmediateTaskHandler) {
        fallback = .immediate(handler)
    }

    /// The handler for `resource`, or nil when none is registered.
    public func handler(for resource: String) -> Handler? {
        if let handler = handlers[resource] { return handler }
        // Searched as UTF-8 bytes: searching Characters walks grapheme boundaries, a third of this lookup.
        let bytes = resource.utf8
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")), let handler = handlers[String(resource[bytes.index(after: colon)...])] {
            return handler
        }
        return fallback
    }
}
