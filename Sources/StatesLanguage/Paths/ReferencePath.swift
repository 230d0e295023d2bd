import JSON

/// Writing a value at a reference path, as `ResultPath` does.
extension JSONPath {
    /// Returns `document` with `value` placed at this reference path, creating missing objects on the way.
    ///
    /// - Throws: a message when a node on the way is not an object (or, for an index, not an array
    ///   long enough), which Step Functions reports as `States.ResultPathMatchFailure`.
    public func assigning(_ value: JSONValue, into document: JSONValue) throws(PathSyntaxError) -> JSONValue {
        try Self.assign(value, into: document, segments: segments[...], path: text)
    }

    private static func assign(_ value: JSONValue, into node: JSONValue, segments: ArraySlice<Segment>, path: String) throws(PathSyntaxError) -> JSONValue {
        guard let segment = segments.first else { return value }
        guard case .child(let selectors) = segment, selectors.count == 1 else {
            throw PathSyntaxError(text: path, reason: "is not a reference path")
        }
        switch selectors[0] {
        case .name(let name):
            var object: JSONObject
            switch node {
            case .object(let existing): object = existing
            case .null: object = JSONObject()
            default: throw PathSyntaxError(text: path, reason: "cannot set the field '\(name)' of a \(node.typeName)")
            }
            object[name] = try assign(value, into: object[name] ?? .null, segments: segments.dropFirst(), path: path)
            return .object(object)
        case .index(let index):
            guard var elements = node.arrayValue, elements.indices.contains(index) else {
                throw PathSyntaxError(text: path, reason: "cannot set index \(index) of \(node.typeName == "array" ? "an array of \(node.arrayValue!.count)" : "a \(node.typeName)")")
            }
            elements[index] = try assign(value, into: elements[index], segments: segments.dropFirst(), path: path)
            return .array(elements)
        default:
            throw PathSyntaxError(text: path, reason: "is not a reference path")
        }
    }
}
