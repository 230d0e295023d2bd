/// The parts of the context object (`$$`) that a state's paths, templates and rules read: the engine
/// builds only those (a Vending Pass Task reads `$$.Execution.Name` alone, and building the whole
/// object, its times formatted as text, was a tenth of entering the state).
public struct ContextSections: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    /// Creates a set from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// `$$.Execution`.
    public static let execution = ContextSections(rawValue: 1 << 0)
    /// `$$.State`.
    public static let state = ContextSections(rawValue: 1 << 1)
    /// `$$.StateMachine`.
    public static let stateMachine = ContextSections(rawValue: 1 << 2)
    /// `$$.Task`.
    public static let task = ContextSections(rawValue: 1 << 3)
    /// `$$.Map`.
    public static let map = ContextSections(rawValue: 1 << 4)
    /// Every part: what `$$` itself, a descent or an intrinsic function may read.
    public static let all: ContextSections = [.execution, .state, .stateMachine, .task, .map]

    /// The part a context path reads (none for a path on the input), by its first step.
    public init(reading path: JSONPath) {
        guard path.root == .context else {
            self = []
            return
        }
        guard case .child(let selectors)? = path.segments.first, selectors.count == 1, case .name(let name) = selectors[0] else {
            self = .all
            return
        }
        switch name {
        case "Execution": self = .execution
        case "State": self = .state
        case "StateMachine": self = .stateMachine
        case "Task": self = .task
        case "Map": self = .map
        default: self = []
        }
    }
}
