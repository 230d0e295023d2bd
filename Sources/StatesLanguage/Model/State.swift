import JSON

/// One state of a state machine, with the fields common to every type.
///
/// A class, although immutable: the interpreter looks up the current state several times at every
/// step, and a copy of a class is one reference count where a copy of this struct was one per field.
public final class State: Sendable {
    /// The state's name.
    public let name: String
    /// The type and its own fields.
    public let kind: Kind
    /// Where to go next; nil for Choice, Succeed and Fail.
    public let transition: Transition?
    /// InputPath, Parameters, ResultSelector, ResultPath and OutputPath.
    public let io: DataFlow
    /// Retriers, in order (Task, Parallel, Map).
    public let retriers: [Retrier]
    /// Catchers, in order (Task, Parallel, Map).
    public let catchers: [Catcher]
    /// The parts of the context object (`$$`) that the state's templates, paths or rules read, so the
    /// engine builds only those, and only for the states that need them.
    public let contextSections: ContextSections
    /// The parts that making the state's output from a result reads (only a ResultSelector can).
    public let resultContextSections: ContextSections
    /// Whether any of the state's templates, paths or rules reads the context object.
    public var readsContext: Bool { !contextSections.isEmpty }
    /// Whether making the state's output from a result reads the context object.
    public var resultReadsContext: Bool { !resultContextSections.isEmpty }

    /// Creates a state.
    public init(name: String, kind: Kind, transition: Transition?, io: DataFlow, retriers: [Retrier] = [], catchers: [Catcher] = []) {
        self.name = name
        self.kind = kind
        self.transition = transition
        self.io = io
        self.retriers = retriers
        self.catchers = catchers
        var reads = [io.parameters, io.resultSelector].reduce(into: ContextSections()) { $0.formUnion($1?.contextSections ?? []) }
        switch kind {
        case .choice(let choice): if choice.choices.contains(where: { $0.rule.readsContext }) { reads = .all }
        case .fail(let fail): if [fail.error, fail.cause].contains(where: { if case .intrinsic? = $0 { true } else { false } }) { reads = .all }
        case .map(let map): reads.formUnion(map.itemSelector?.contextSections ?? [])
        default: break
        }
        contextSections = reads
        resultContextSections = io.resultSelector?.contextSections ?? []
    }

    /// A state's type and the fields that belong to it.
    public enum Kind: Sendable {
        case pass(result: JSONValue?)
        case task(TaskState)
        case wait(WaitState)
        case choice(ChoiceState)
        case succeed
        case fail(FailState)
        case parallel(ParallelState)
        case map(MapState)
    }

    /// `Next` or `End`.
    public enum Transition: Hashable, Sendable {
        case next(String)
        case end
    }

    /// The type's name as ASL spells it: `Task`, `Wait`, ….
    public var typeName: String {
        switch kind {
        case .pass: "Pass"
        case .task: "Task"
        case .wait: "Wait"
        case .choice: "Choice"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}

/// A path field that may also be `null`.
public enum DataPath: Hashable, Sendable {
    /// Select with this path.
    case path(JSONPath)
    /// `null`: for InputPath and OutputPath, `{}`; for ResultPath, keep the input and discard the result.
    case discard

    /// `$`: the whole value, the default of every path field.
    public static let whole = DataPath.path(try! JSONPath.parse("$"))
}

/// The input and output processing fields of a state.
public struct DataFlow: Sendable {
    public var inputPath: DataPath = .whole
    public var parameters: PayloadTemplate?
    public var resultSelector: PayloadTemplate?
    public var resultPath: DataPath = .whole
    public var outputPath: DataPath = .whole

    /// The defaults: every path `$`, no templates.
    public init() {}
}

/// A Task state's own fields.
public struct TaskState: Sendable {
    /// The resource string, such as `arn:aws:lambda:…:function:CountPoints`.
    public let resource: String
    /// TimeoutSeconds, or a path to it.
    public let timeout: SecondsSetting?
    /// HeartbeatSeconds, or a path to it.
    public let heartbeat: SecondsSetting?

    /// Creates the fields.
    public init(resource: String, timeout: SecondsSetting?, heartbeat: SecondsSetting?) {
        self.resource = resource
        self.timeout = timeout
        self.heartbeat = heartbeat
    }
}

/// A number of seconds given directly or by a path into the effective input.
public enum SecondsSetting: Hashable, Sendable {
    case seconds(Int)
    case path(JSONPath)
}

/// How long a Wait state waits.
public enum WaitState: Hashable, Sendable {
    case seconds(Int)
    case timestamp(String)
    case secondsPath(JSONPath)
    case timestampPath(JSONPath)
}

/// A Fail state's error and cause, given directly or by paths.
public struct FailState: Sendable {
    public let error: StringSetting?
    public let cause: StringSetting?

    /// Creates the fields.
    public init(error: StringSetting?, cause: StringSetting?) {
        self.error = error
        self.cause = cause
    }
}

/// A string given directly, or by a path (or intrinsic function) into the state's input.
public enum StringSetting: Hashable, Sendable {
    case value(String)
    case path(JSONPath)
    case intrinsic(IntrinsicCall)
}

/// A Parallel state's branches.
public struct ParallelState: Sendable {
    public let branches: [StateMachine]

    /// Creates the fields.
    public init(branches: [StateMachine]) {
        self.branches = branches
    }
}

/// An inline Map state's fields.
public struct MapState: Sendable {
    /// The state machine run for each item.
    public let processor: StateMachine
    /// Where the items are in the effective input.
    public let itemsPath: DataPath
    /// Builds each item's input (ItemSelector, or the older Parameters).
    public let itemSelector: PayloadTemplate?
    /// At most this many items at once; 0 means no limit.
    public let maxConcurrency: CountSetting
    /// Failed items tolerated, as a percentage of all items.
    public let toleratedFailurePercentage: CountSetting?
    /// Failed items tolerated, as a count.
    public let toleratedFailureCount: CountSetting?

    /// Creates the fields.
    public init(
        processor: StateMachine, itemsPath: DataPath, itemSelector: PayloadTemplate?, maxConcurrency: CountSetting,
        toleratedFailurePercentage: CountSetting?, toleratedFailureCount: CountSetting?
    ) {
        self.processor = processor
        self.itemsPath = itemsPath
        self.itemSelector = itemSelector
        self.maxConcurrency = maxConcurrency
        self.toleratedFailurePercentage = toleratedFailurePercentage
        self.toleratedFailureCount = toleratedFailureCount
    }
}

/// A number given directly or by a path into the state's input.
public enum CountSetting: Hashable, Sendable {
    case value(Double)
    case path(JSONPath)
}
