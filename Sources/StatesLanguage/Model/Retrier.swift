/// One entry of a state's `Retry`.
public struct Retrier: Hashable, Sendable {
    /// How retry delays are spread.
    public enum Jitter: String, Hashable, Sendable {
        case full = "FULL"
        case none = "NONE"
    }

    /// The error names this retrier handles.
    public let errorEquals: [String]
    /// Seconds before the first retry (default 1).
    public let intervalSeconds: Int
    /// Retries at most (default 3; 0 means never).
    public let maxAttempts: Int
    /// Multiplier of the interval per attempt (default 2.0).
    public let backoffRate: Double
    /// The longest delay, if capped.
    public let maxDelaySeconds: Int?
    /// Whether delays are randomised (default NONE).
    public let jitter: Jitter

    /// Creates a retrier with the spec's defaults for omitted fields.
    public init(errorEquals: [String], intervalSeconds: Int = 1, maxAttempts: Int = 3, backoffRate: Double = 2.0, maxDelaySeconds: Int? = nil, jitter: Jitter = .none) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }

    /// The delay before retry number `attempt` (0-based), in seconds, before jitter.
    public func delay(forAttempt attempt: Int) -> Double {
        var seconds = Double(intervalSeconds)
        for _ in 0..<attempt { seconds *= backoffRate }
        if let maxDelaySeconds { seconds = min(seconds, Double(maxDelaySeconds)) }
        return seconds
    }
}

/// One entry of a state's `Catch`.
public struct Catcher: Hashable, Sendable {
    /// The error names this catcher handles.
    public let errorEquals: [String]
    /// The state to go to.
    public let next: String
    /// Where the error output goes in the state's input (default `$`).
    public let resultPath: DataPath

    /// Creates a catcher.
    public init(errorEquals: [String], next: String, resultPath: DataPath = .whole) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
    }
}

/// The spec's rules for matching an error name against `ErrorEquals`.
public enum ErrorMatcher {
    /// Whether `errorEquals` handles the error named `name`.
    ///
    /// `States.ALL` matches every error except the terminal `States.Runtime` and `States.DataLimitExceeded`;
    /// `States.TaskFailed` matches every error except those and `States.Timeout`.
    public static func matches(_ errorEquals: [String], _ name: String) -> Bool {
        let terminal = name == StatesError.runtime || name == StatesError.dataLimitExceeded
        return errorEquals.contains { candidate in
            switch candidate {
            case name: true
            case StatesError.all: !terminal
            case StatesError.taskFailed: !terminal && name != StatesError.timeout
            default: false
            }
        }
    }
}
