import JSON

/// Reads the fields of one JSON object of a definition, reporting type errors at their location and
/// remembering which fields were read so that the rest can be reported as unknown.
struct ObjectReader {
    let object: JSONObject
    let location: String
    private(set) var used: Set<String> = []

    init(_ object: JSONObject, at location: String) {
        self.object = object
        self.location = location
    }

    func at(_ key: String) -> String { location + "/" + ProblemList.escape(key) }

    func has(_ key: String) -> Bool { object[key] != nil }

    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        return object[key]
    }

    mutating func string(_ key: String, required: Bool = false, problems: inout ProblemList) -> String? {
        guard let value = value(key) else {
            if required { problems.add(at(key), "is required") }
            return nil
        }
        guard case .string(let text) = value else {
            problems.add(at(key), "must be a string, not \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func integer(_ key: String, minimum: Int, problems: inout ProblemList) -> Int? {
        guard let value = value(key) else { return nil }
        guard let integer = value.integerValue else {
            problems.add(at(key), "must be an integer, not \(value.jsonText)")
            return nil
        }
        guard integer >= minimum else {
            problems.add(at(key), "must be at least \(minimum), not \(integer)")
            return nil
        }
        return integer
    }

    mutating func number(_ key: String, problems: inout ProblemList) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.numberValue else {
            problems.add(at(key), "must be a number, not \(value.typeName)")
            return nil
        }
        return number
    }

    /// A path field; `null` gives `.discard` when `nullable`.
    mutating func dataPath(_ key: String, reference: Bool = false, nullable: Bool = true, problems: inout ProblemList) -> DataPath? {
        guard let value = value(key) else { return nil }
        if value == .null {
            guard nullable else {
                problems.add(at(key), "must be a path, not null")
                return nil
            }
            return .discard
        }
        guard let path = path(value, at: at(key), reference: reference, problems: &problems) else { return nil }
        return .path(path)
    }

    /// A path field that must be present as a string.
    mutating func jsonPath(_ key: String, reference: Bool = false, problems: inout ProblemList) -> JSONPath? {
        guard let value = value(key) else { return nil }
        return path(value, at: at(key), reference: reference, problems: &problems)
    }

    private func path(_ value: JSONValue, at location: String, reference: Bool, problems: inout ProblemList) -> JSONPath? {
        guard case .string(let text) = value else {
            problems.add(location, "must be a path string, not \(value.typeName)")
            return nil
        }
        do {
            let path = try JSONPath.parse(text)
            if reference, !path.isReferencePath {
                problems.add(location, "'\(text)' must be a reference path: $, field names and indexes only")
                return nil
            }
            return path
        } catch {
            problems.add(location, "is not a valid path: \(error)")
            return nil
        }
    }

    /// Reports every field that was not read.
    func reportUnknown(_ problems: inout ProblemList, in what: String) {
        for key in object.orderedKeys where !used.contains(key) {
            problems.add(at(key), "is not a field of \(what)")
        }
    }
}
