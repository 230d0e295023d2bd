import JSON

/// Parses `Retry` and `Catch` arrays.
enum RetryParser {
    static func retriers(_ reader: inout ObjectReader, context: inout StateContext) -> [Retrier] {
        guard let json = reader.value("Retry") else { return [] }
        guard case .array(let entries) = json else {
            context.problems.add(reader.at("Retry"), "must be an array of retriers")
            return []
        }
        var retriers: [Retrier] = []
        for (index, entry) in entries.enumerated() {
            let location = "\(reader.at("Retry"))/\(index)"
            guard case .object(let object) = entry else {
                context.problems.add(location, "must be an object with ErrorEquals")
                continue
            }
            var fields = ObjectReader(object, at: location)
            let errors = errorEquals(&fields, isLast: index == entries.count - 1, context: &context)
            _ = fields.string("Comment", problems: &context.problems)
            let interval = fields.integer("IntervalSeconds", minimum: 1, problems: &context.problems) ?? 1
            let attempts = fields.integer("MaxAttempts", minimum: 0, problems: &context.problems) ?? 3
            let backoff = fields.number("BackoffRate", problems: &context.problems) ?? 2.0
            if backoff < 1.0 { context.problems.add(fields.at("BackoffRate"), "must be at least 1.0, not \(JSONValue.number(backoff).jsonText)") }
            let maxDelay = fields.integer("MaxDelaySeconds", minimum: 1, problems: &context.problems)
            var jitter = Retrier.Jitter.none
            if let text = fields.string("JitterStrategy", problems: &context.problems) {
                if let parsed = Retrier.Jitter(rawValue: text) {
                    jitter = parsed
                } else {
                    context.problems.add(fields.at("JitterStrategy"), "'\(text)' is not FULL or NONE")
                }
            }
            fields.reportUnknown(&context.problems, in: "a retrier")
            if let errors {
                retriers.append(Retrier(errorEquals: errors, intervalSeconds: interval, maxAttempts: attempts, backoffRate: backoff, maxDelaySeconds: maxDelay, jitter: jitter))
            }
        }
        return retriers
    }

    static func catchers(_ reader: inout ObjectReader, context: inout StateContext) -> [Catcher] {
        guard let json = reader.value("Catch") else { return [] }
        guard case .array(let entries) = json else {
            context.problems.add(reader.at("Catch"), "must be an array of catchers")
            return []
        }
        var catchers: [Catcher] = []
        for (index, entry) in entries.enumerated() {
            let location = "\(reader.at("Catch"))/\(index)"
            guard case .object(let object) = entry else {
                context.problems.add(location, "must be an object with ErrorEquals and Next")
                continue
            }
            var fields = ObjectReader(object, at: location)
            let errors = errorEquals(&fields, isLast: index == entries.count - 1, context: &context)
            _ = fields.string("Comment", problems: &context.problems)
            let next = fields.string("Next", required: true, problems: &context.problems)
            if let next { context.resolve(next, at: fields.at("Next")) }
            let resultPath = fields.dataPath("ResultPath", reference: true, problems: &context.problems) ?? .whole
            fields.reportUnknown(&context.problems, in: "a catcher")
            if let errors, let next { catchers.append(Catcher(errorEquals: errors, next: next, resultPath: resultPath)) }
        }
        return catchers
    }

    private static func errorEquals(_ fields: inout ObjectReader, isLast: Bool, context: inout StateContext) -> [String]? {
        guard case .array(let names)? = fields.value("ErrorEquals"), !names.isEmpty else {
            context.problems.add(fields.at("ErrorEquals"), "must be a non-empty array of error names")
            return nil
        }
        let strings = names.compactMap(\.stringValue)
        guard strings.count == names.count else {
            context.problems.add(fields.at("ErrorEquals"), "must hold only strings")
            return nil
        }
        if strings.contains(StatesError.all) {
            if strings.count > 1 { context.problems.add(fields.at("ErrorEquals"), "must hold States.ALL alone") }
            if !isLast { context.problems.add(fields.at("ErrorEquals"), "has States.ALL, which must be in the last entry") }
        }
        return strings
    }
}
