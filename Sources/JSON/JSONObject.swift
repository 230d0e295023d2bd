/// A JSON object whose keys keep their insertion order.
///
/// Members live in an array, which is fastest for the small objects states pass around; an index by
/// key is built once an object grows past a few members.
public struct JSONObject: Hashable, Sendable, Sequence {
    private var members: [(key: String, value: JSONValue)] = []
    private var index: [String: Int]?
    private static let indexThreshold = 12

    /// An empty object.
    public init() {}

    /// An object with these members in this order; a repeated key keeps its first position and last value.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.members.reserveCapacity(members.underestimatedCount)
        for (key, value) in members { self[key] = value }
    }

    /// An object with these members, whose keys the caller knows to be distinct, in one allocation. It
    /// builds no index by key (lookups search the members) until it is changed: such objects are mostly
    /// written out, not searched.
    public init(uniqueMembers: [(key: String, value: JSONValue)]) {
        members = uniqueMembers
        assert(Set(members.map(\.key)).count == members.count, "repeated keys in \(members.map(\.key))")
    }

    /// The keys in insertion order.
    public var orderedKeys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Where the members are stored: two objects with the same address hold the same members (they are
    /// copies of one value), which ``CompactJSONWriter`` uses to write a shared object once.
    var storageAddress: UnsafeRawPointer? {
        members.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } }
    }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The member `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    index = nil
                    buildIndexIfLarge()
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else {
                    buildIndexIfLarge()
                }
            }
        }
    }

    private mutating func buildIndexIfLarge() {
        guard members.count > Self.indexThreshold else { return }
        index = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1.key, $0) })
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
