import JSON

/// Parses one state by its Type, checking the fields that belong to it.
enum StateParser {
    static func state(named name: String, _ json: JSONValue, at location: String, context: inout StateContext) -> State? {
        guard case .object(let object) = json else {
            context.problems.add(location, "must be a JSON object with a Type")
            return nil
        }
        var reader = ObjectReader(object, at: location)
        _ = reader.string("Comment", problems: &context.problems)
        guard let type = reader.string("Type", required: true, problems: &context.problems) else { return nil }
        let kind: State.Kind?
        var io = DataFlow()
        var retriers: [Retrier] = []
        var catchers: [Catcher] = []
        var transition: State.Transition?
        let flowsOn = ["Pass", "Task", "Wait", "Parallel", "Map"].contains(type)
        if type != "Fail" {
            io.inputPath = reader.dataPath("InputPath", problems: &context.problems) ?? .whole
            io.outputPath = reader.dataPath("OutputPath", problems: &context.problems) ?? .whole
        }
        if ["Pass", "Task", "Parallel", "Map"].contains(type) {
            io.resultPath = reader.dataPath("ResultPath", reference: true, problems: &context.problems) ?? .whole
            if type != "Map" || !reader.has("ItemSelector") {
                io.parameters = template(&reader, "Parameters", context: &context)
            }
        }
        if ["Task", "Parallel", "Map"].contains(type) {
            io.resultSelector = template(&reader, "ResultSelector", context: &context)
            retriers = RetryParser.retriers(&reader, context: &context)
            catchers = RetryParser.catchers(&reader, context: &context)
        }
        switch type {
        case "Pass":
            kind = .pass(result: reader.value("Result"))
        case "Task":
            kind = task(&reader, context: &context)
        case "Wait":
            kind = wait(&reader, context: &context)
        case "Choice":
            kind = ChoiceParser.choice(&reader, context: &context)
        case "Succeed":
            kind = .succeed
        case "Fail":
            kind = fail(&reader, context: &context)
        case "Parallel":
            kind = parallel(&reader, context: &context)
        case "Map":
            kind = map(&reader, io: &io, context: &context)
        default:
            context.problems.add(reader.at("Type"), "'\(type)' is not a state type (Pass, Task, Wait, Choice, Succeed, Fail, Parallel, Map)")
            return nil
        }
        if flowsOn {
            transition = self.transition(&reader, context: &context)
        }
        reader.reportUnknown(&context.problems, in: "a \(type) state")
        guard let kind, !flowsOn || transition != nil else { return nil }
        return State(name: name, kind: kind, transition: transition, io: io, retriers: retriers, catchers: catchers)
    }

    private static func transition(_ reader: inout ObjectReader, context: inout StateContext) -> State.Transition? {
        let next = reader.string("Next", problems: &context.problems)
        let end = reader.value("End")
        if let end, end != .bool(true), end != .bool(false) {
            context.problems.add(reader.at("End"), "must be true or false, not \(end.typeName)")
        }
        let isEnd = end == .bool(true)
        switch (next, isEnd) {
        case (let next?, false):
            context.resolve(next, at: reader.at("Next"))
            return .next(next)
        case (nil, true):
            return .end
        case (.some, true):
            context.problems.add(reader.location, "has both Next and End; a state either moves on or ends")
        case (nil, false):
            if !reader.has("Next") { context.problems.add(reader.location, "needs Next or \"End\": true") }
        }
        return nil
    }

    static func template(_ reader: inout ObjectReader, _ key: String, context: inout StateContext) -> PayloadTemplate? {
        guard let json = reader.value(key) else { return nil }
        return PayloadTemplate.compile(json, at: reader.at(key), problems: &context.problems)
    }

    private static func task(_ reader: inout ObjectReader, context: inout StateContext) -> State.Kind? {
        let resource = reader.string("Resource", required: true, problems: &context.problems)
        let timeout = seconds(&reader, "TimeoutSeconds", context: &context)
        let heartbeat = seconds(&reader, "HeartbeatSeconds", context: &context)
        _ = reader.value("Credentials")
        if case .seconds(let beat)? = heartbeat, case .seconds(let limit)? = timeout, beat >= limit {
            context.problems.add(reader.at("HeartbeatSeconds"), "must be less than TimeoutSeconds (\(limit))")
        }
        guard let resource else { return nil }
        return .task(TaskState(resource: resource, timeout: timeout, heartbeat: heartbeat))
    }

    private static func seconds(_ reader: inout ObjectReader, _ key: String, context: inout StateContext) -> SecondsSetting? {
        let direct = reader.integer(key, minimum: 1, problems: &context.problems)
        let path = reader.jsonPath(key + "Path", reference: true, problems: &context.problems)
        if direct != nil, path != nil {
            context.problems.add(reader.location, "has both \(key) and \(key)Path; use one")
        }
        if let direct { return .seconds(direct) }
        return path.map { .path($0) }
    }

    private static func wait(_ reader: inout ObjectReader, context: inout StateContext) -> State.Kind? {
        let fields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"].filter { reader.has($0) }
        guard fields.count == 1 else {
            context.problems.add(
                reader.location,
                fields.isEmpty
                    ? "needs exactly one of Seconds, Timestamp, SecondsPath or TimestampPath"
                    : "has \(fields.joined(separator: " and ")); a Wait state takes exactly one of them"
            )
            for field in fields { _ = reader.value(field) }
            return nil
        }
        switch fields[0] {
        case "Seconds":
            return reader.integer("Seconds", minimum: 0, problems: &context.problems).map { .wait(.seconds($0)) }
        case "Timestamp":
            guard let text = reader.string("Timestamp", problems: &context.problems) else { return nil }
            guard ASLTimestamp.parse(text) != nil else {
                context.problems.add(reader.at("Timestamp"), "'\(text)' is not an RFC 3339 timestamp such as 2026-11-24T08:15:02Z")
                return nil
            }
            return .wait(.timestamp(text))
        case "SecondsPath":
            return reader.jsonPath("SecondsPath", reference: true, problems: &context.problems).map { .wait(.secondsPath($0)) }
        default:
            return reader.jsonPath("TimestampPath", reference: true, problems: &context.problems).map { .wait(.timestampPath($0)) }
        }
    }

    private static func fail(_ reader: inout ObjectReader, context: inout StateContext) -> State.Kind? {
        .fail(FailState(error: stringSetting(&reader, "Error", context: &context), cause: stringSetting(&reader, "Cause", context: &context)))
    }

    private static func stringSetting(_ reader: inout ObjectReader, _ key: String, context: inout StateContext) -> StringSetting? {
        let direct = reader.string(key, problems: &context.problems)
        let pathKey = key + "Path"
        let pathText = reader.string(pathKey, problems: &context.problems)
        if direct != nil, pathText != nil { context.problems.add(reader.location, "has both \(key) and \(pathKey); use one") }
        if let direct { return .value(direct) }
        guard let pathText else { return nil }
        do {
            if IntrinsicCall.looksLikeCall(pathText) { return .intrinsic(try IntrinsicCall.parse(pathText)) }
            return .path(try JSONPath.parse(pathText))
        } catch {
            context.problems.add(reader.at(pathKey), "is not a valid path or intrinsic function: \(error)")
            return nil
        }
    }

    private static func parallel(_ reader: inout ObjectReader, context: inout StateContext) -> State.Kind? {
        guard case .array(let branchesJSON)? = reader.value("Branches"), !branchesJSON.isEmpty else {
            context.problems.add(reader.at("Branches"), "must be a non-empty array of branches, each with StartAt and States")
            return nil
        }
        var branches: [StateMachine] = []
        for (index, branch) in branchesJSON.enumerated() {
            if let machine = DefinitionParser.machine(branch, at: "\(reader.at("Branches"))/\(index)", problems: &context.problems, isTopLevel: false) {
                branches.append(machine)
            }
        }
        return branches.count == branchesJSON.count ? .parallel(ParallelState(branches: branches)) : nil
    }

    private static func map(_ reader: inout ObjectReader, io: inout DataFlow, context: inout StateContext) -> State.Kind? {
        let key = reader.has("ItemProcessor") ? "ItemProcessor" : "Iterator"
        guard let processorJSON = reader.value(key) else {
            context.problems.add(reader.location, "needs an ItemProcessor (or Iterator) with StartAt and States")
            return nil
        }
        if case .object(let processorObject) = processorJSON, case .object(let config)? = processorObject["ProcessorConfig"],
            let mode = config["Mode"], mode != .string("INLINE")
        {
            context.problems.add(reader.at(key) + "/ProcessorConfig/Mode", "\(mode.jsonText) is not supported; this engine runs INLINE maps")
        }
        for distributed in ["ItemReader", "ItemBatcher", "ResultWriter"] where reader.has(distributed) {
            _ = reader.value(distributed)
            context.problems.add(reader.at(distributed), "belongs to distributed maps, which this engine does not run")
        }
        let processor = DefinitionParser.machine(processorJSON, at: reader.at(key), problems: &context.problems, isTopLevel: false)
        let itemsPath = reader.dataPath("ItemsPath", reference: true, nullable: false, problems: &context.problems) ?? .whole
        var itemSelector: PayloadTemplate?
        if reader.has("ItemSelector") {
            if reader.has("Parameters") { context.problems.add(reader.location, "has both ItemSelector and Parameters; use ItemSelector") }
            itemSelector = template(&reader, "ItemSelector", context: &context)
        } else {
            itemSelector = io.parameters
            io.parameters = nil
        }
        _ = reader.string("Label", problems: &context.problems)
        let maxConcurrency = count(&reader, "MaxConcurrency", range: 0...Double.greatestFiniteMagnitude, context: &context) ?? .value(0)
        let percentage = count(&reader, "ToleratedFailurePercentage", range: 0...100, context: &context)
        let failures = count(&reader, "ToleratedFailureCount", range: 0...Double.greatestFiniteMagnitude, context: &context)
        guard let processor else { return nil }
        return .map(
            MapState(
                processor: processor, itemsPath: itemsPath, itemSelector: itemSelector, maxConcurrency: maxConcurrency,
                toleratedFailurePercentage: percentage, toleratedFailureCount: failures
            )
        )
    }

    private static func count(_ reader: inout ObjectReader, _ key: String, range: ClosedRange<Double>, context: inout StateContext) -> CountSetting? {
        let direct = reader.number(key, problems: &context.problems)
        let path = reader.jsonPath(key + "Path", reference: true, problems: &context.problems)
        if let direct {
            guard range.contains(direct), key == "ToleratedFailurePercentage" || direct.rounded() == direct else {
                context.problems.add(reader.at(key), "must be \(key == "ToleratedFailurePercentage" ? "between 0 and 100" : "a non-negative integer"), not \(JSONValue.number(direct).jsonText)")
                return nil
            }
            if path != nil { context.problems.add(reader.location, "has both \(key) and \(key)Path; use one") }
            return .value(direct)
        }
        return path.map { .path($0) }
    }
}
