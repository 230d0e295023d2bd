import JSON

/// A JSONPath as Amazon States Language allows it: `$.a.b`, `$['a']`, `$.items[0]`, `$.items[*].id`,
/// `$..id`, `$.items[1:3]`, `$.items[?(@.price < 10)]`, and `$$.Execution.Id` for the context object.
///
/// A *definite* path names at most one node and evaluates to it; an indefinite one (wildcards, slices,
/// filters, descent, unions) evaluates to the array of every node it matches, as Step Functions does.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// What the path starts from.
    public enum Root: Hashable, Sendable {
        /// `$`: the state's input (or the document the path is applied to).
        case input
        /// `$$`: the context object.
        case context
    }

    /// One step of a path.
    public enum Segment: Hashable, Sendable {
        /// `.name`, `[0]`, `['a','b']`, `[*]`: children of the current nodes.
        case child([Selector])
        /// `..name`, `..[0]`, `..*`: descendants (and the nodes themselves) matching the selectors.
        case descendant([Selector])
    }

    /// What a segment selects.
    public enum Selector: Hashable, Sendable {
        case name(String)
        case index(Int)
        case wildcard
        case slice(start: Int?, end: Int?, step: Int?)
        case filter(FilterExpression)
    }

    /// Where the path starts.
    public let root: Root
    /// The steps after the root.
    public let segments: [Segment]
    /// The path as written.
    public let text: String
    /// Whether the path names at most one node: only names and indexes, one per segment.
    public let isDefinite: Bool

    /// Creates a path from parsed parts.
    public init(root: Root, segments: [Segment], text: String) {
        self.root = root
        self.segments = segments
        self.text = text
        isDefinite = segments.allSatisfy { segment in
            guard case .child(let selectors) = segment, selectors.count == 1 else { return false }
            switch selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }

    /// Parses a path starting with `$` or `$$`.
    public static func parse(_ text: String) throws(PathSyntaxError) -> JSONPath {
        var parser = PathParser(text)
        return try parser.parsePath()
    }

    /// Whether the path is a reference path: `$`-rooted, and only names and indexes (ResultPath's form).
    public var isReferencePath: Bool { root == .input && isDefinite }

    public var description: String { text }

    /// Applies the path to `document`: the node for a definite path (nil when missing), the array of
    /// matches for an indefinite one.
    public func evaluate(on document: JSONValue) -> JSONValue? {
        if isDefinite { return Self.follow(segments, from: document) }
        var nodes = [document]
        for segment in segments {
            nodes = Self.apply(segment, to: nodes, root: document)
            if nodes.isEmpty, isDefinite { return nil }
        }
        if isDefinite { return nodes.first }
        return .array(nodes)
    }

    /// Applies the path to the state's input or to the context object, by its root.
    public func evaluate(input: JSONValue, context: JSONValue) -> JSONValue? {
        evaluate(on: root == .input ? input : context)
    }

    /// The node a definite path's segments name, followed one step at a time (the states' paths are
    /// nearly all definite, and evaluated several times per state: no array of matches is built).
    private static func follow(_ segments: [Segment], from document: JSONValue) -> JSONValue? {
        var node = document
        for segment in segments {
            guard case .child(let selectors) = segment else { return nil }
            switch selectors[0] {
            case .name(let name):
                guard let child = node[name] else { return nil }
                node = child
            case .index(let index):
                guard let elements = node.arrayValue else { return nil }
                let resolved = index < 0 ? elements.count + index : index
                guard elements.indices.contains(resolved) else { return nil }
                node = elements[resolved]
            default:
                return nil
            }
        }
        return node
    }

    static func apply(_ segment: Segment, to nodes: [JSONValue], root: JSONValue) -> [JSONValue] {
        switch segment {
        case .child(let selectors):
            return nodes.flatMap { node in selectors.flatMap { select($0, from: node, root: root) } }
        case .descendant(let selectors):
            var all: [JSONValue] = []
            for node in nodes { collectDescendants(of: node, into: &all) }
            return all.flatMap { node in selectors.flatMap { select($0, from: node, root: root) } }
        }
    }

    private static func collectDescendants(of node: JSONValue, into all: inout [JSONValue]) {
        all.append(node)
        switch node {
        case .array(let elements): elements.forEach { collectDescendants(of: $0, into: &all) }
        case .object(let object): object.forEach { collectDescendants(of: $0.value, into: &all) }
        default: break
        }
    }

    private static func select(_ selector: Selector, from node: JSONValue, root: JSONValue) -> [JSONValue] {
        switch selector {
        case .name(let name):
            return node[name].map { [$0] } ?? []
        case .index(let index):
            guard let elements = node.arrayValue else { return [] }
            let resolved = index < 0 ? elements.count + index : index
            return elements.indices.contains(resolved) ? [elements[resolved]] : []
        case .wildcard:
            switch node {
            case .array(let elements): return elements
            case .object(let object): return object.map(\.value)
            default: return []
            }
        case .slice(let start, let end, let step):
            guard let elements = node.arrayValue else { return [] }
            return slice(elements, start: start, end: end, step: step ?? 1)
        case .filter(let expression):
            switch node {
            case .array(let elements): return elements.filter { expression.matches($0, root: root) }
            case .object(let object): return object.map(\.value).filter { expression.matches($0, root: root) }
            default: return []
            }
        }
    }

    private static func slice(_ elements: [JSONValue], start: Int?, end: Int?, step: Int) -> [JSONValue] {
        let count = elements.count
        guard step != 0, count > 0 else { return [] }
        func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }
        func normalized(_ value: Int) -> Int { value < 0 ? value + count : value }
        var result: [JSONValue] = []
        if step > 0 {
            var index = clamp(normalized(start ?? 0), 0, count)
            let stop = clamp(normalized(end ?? count), 0, count)
            while index < stop {
                result.append(elements[index])
                index += step
            }
        } else {
            var index = clamp(normalized(start ?? count - 1), -1, count - 1)
            let stop = end.map { clamp(normalized($0), -1, count - 1) } ?? -1
            while index > stop {
                result.append(elements[index])
                index += step
            }
        }
        return result
    }
}
