/// A validated identifier: 1–64 characters of `A-Z a-z 0-9 . _ : -`, as the trace format requires.
///
/// The phantom `Kind` keeps event ids, participant ids and machine ids from being mixed up:
/// ```swift
/// let id = try EventID(validating: "e-000001")
/// ```
public struct Identifier<Kind>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String

    /// The longest identifier accepted.
    public static var maximumLength: Int { 64 }

    /// Creates an identifier, or throws a ``FieldProblem`` explaining what is wrong with `text`.
    public init(validating text: String) throws(FieldProblem) {
        if let reason = Self.problem(with: text) {
            throw FieldProblem(reason)
        }
        self.rawValue = text
    }

    /// Creates an identifier from text already known to be valid, such as a value read back from the database.
    public init(trusted text: String) {
        self.rawValue = text
    }

    /// Why `text` is not a valid identifier, or nil when it is.
    public static func problem(with text: String) -> String? {
        let bytes = text.utf8
        if bytes.isEmpty { return "must not be empty" }
        if bytes.count > maximumLength { return "is \(bytes.count) characters long; at most \(maximumLength) are allowed" }
        if let bad = text.unicodeScalars.first(where: { !isAllowed($0) }) {
            return "contains \(describe(bad)); only A-Z a-z 0-9 . _ : - are allowed"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", ":", "-": true
        default: false
        }
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if scalar.properties.isWhitespace || scalar.value < 0x20 {
            return "the control character U+\(String(scalar.value, radix: 16, uppercase: true))"
        }
        return "'\(scalar)'"
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tag for ``EventID``.
public enum EventTag {}
/// Tag for ``ParticipantID``.
public enum ParticipantTag {}
/// Tag for ``MachineID``.
public enum MachineTag {}
/// Tag for ``ProductID``.
public enum ProductTag {}
/// Tag for ``SlotID``.
public enum SlotTag {}

/// The id of an event: its idempotency key.
public typealias EventID = Identifier<EventTag>
/// The Vending Pass id of a member, read from the phone over NFC.
public typealias ParticipantID = Identifier<ParticipantTag>
/// The id of a vending machine.
public typealias MachineID = Identifier<MachineTag>
/// A product's SKU.
public typealias ProductID = Identifier<ProductTag>
/// A slot of a vending machine's planogram.
public typealias SlotID = Identifier<SlotTag>
