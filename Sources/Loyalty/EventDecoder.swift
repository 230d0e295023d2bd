import Foundation
import JSON

/// Decodes one line of a trace into a ``LoyaltyEvent``, validating every field.
///
/// ```swift
/// let decoder = EventDecoder()
/// let event = try decoder.decode(#"{"id":"e-1","type":"redemption", …}"#)
/// ```
/// A problem names the field and what is wrong with it; the caller adds the file and the line.
public struct EventDecoder: Sendable {
    private static let common: Set<String> = ["id", "type", "time", "machine"]
    private static let allowed: [EventType: (required: Set<String>, optional: Set<String>)] = [
        .purchase: (common.union(["payment", "sku", "slot", "amount", "currency"]), ["participant"]),
        .refund: (common.union(["purchase", "amount", "currency"]), ["participant", "sku", "slot"]),
        .redemption: (common.union(["participant", "sku", "slot"]), []),
    ]
    /// Every field of the trace format, on any event type.
    public static let fieldNames = allowed.values.reduce(into: Set<String>()) { $0.formUnion($1.required.union($1.optional)) }

    /// What ``decode(object:otherFields:)`` does with members that are not fields of the event's type.
    public enum OtherFields: Sendable {
        /// Reported, as in a trace line.
        case rejected
        /// Left out.
        case ignored
    }

    /// Creates a decoder.
    public init() {}

    /// Decodes a line given as text.
    public func decode(_ line: String) throws(LineProblem) -> LoyaltyEvent {
        try decode(bytes: Array(line.utf8))
    }

    /// Decodes a line given as an array of UTF-8 bytes.
    public func decode(bytes: [UInt8]) throws(LineProblem) -> LoyaltyEvent {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            throw LineProblem(field: nil, reason: "is not valid JSON: \(error)")
        }
        guard case .object(let object) = json else { throw LineProblem(field: nil, reason: "is not a JSON object") }
        return try decode(object: object)
    }

    /// Decodes an event already read as a JSON object (a workflow's task input carries one), with the
    /// same checks as a line.
    ///
    /// - Parameter otherFields: `.ignored` skips members that are not fields of the event's type (a
    ///   workflow adds its own beside the event's) instead of reporting the first of them; every field
    ///   of the type is still checked.
    public func decode(object: JSONObject, otherFields: OtherFields = .rejected) throws(LineProblem) -> LoyaltyEvent {
        let fields = FieldReader(object: object)
        let type = try fields.required("type") { text throws(FieldProblem) in try EventType(validating: text) }
        let rule = Self.allowed[type]!
        for name in otherFields == .rejected ? object.orderedKeys.sorted() : []
        where !rule.required.contains(name) && !rule.optional.contains(name) {
            let reason =
                Self.fieldNames.contains(name)
                ? "does not belong on a \(type.rawValue)"
                : "is not a field of the trace format\(EditDistance.hint(for: name, among: rule.required.union(rule.optional)))"
            throw LineProblem(field: name, reason: reason)
        }
        let id = try fields.required("id") { text throws(FieldProblem) in try EventID(validating: text) }
        let time = try fields.required("time") { text throws(FieldProblem) in try Timestamp(rfc3339: text) }
        let machine = try fields.required("machine") { text throws(FieldProblem) in try MachineID(validating: text) }
        let participant = try fields.optional("participant") { text throws(FieldProblem) in try ParticipantID(validating: text) }
        let kind: LoyaltyEvent.Kind
        switch type {
        case .purchase:
            kind = .purchase(
                Purchase(
                    participant: participant,
                    payment: try fields.required("payment") { text throws(FieldProblem) in try Payment(validating: text) },
                    product: try fields.required("sku") { text throws(FieldProblem) in try ProductID(validating: text) },
                    slot: try fields.required("slot") { text throws(FieldProblem) in try SlotID(validating: text) },
                    price: try fields.money()
                )
            )
        case .refund:
            kind = .refund(
                Refund(
                    participant: participant,
                    purchase: try fields.required("purchase") { text throws(FieldProblem) in try EventID(validating: text) },
                    amount: try fields.money(),
                    product: try fields.optional("sku") { text throws(FieldProblem) in try ProductID(validating: text) },
                    slot: try fields.optional("slot") { text throws(FieldProblem) in try SlotID(validating: text) }
                )
            )
        case .redemption:
            guard let participant else { throw LineProblem(field: "participant", reason: "is required on a redemption") }
            kind = .redemption(
                Redemption(
                    participant: participant,
                    product: try fields.required("sku") { text throws(FieldProblem) in try ProductID(validating: text) },
                    slot: try fields.required("slot") { text throws(FieldProblem) in try SlotID(validating: text) }
                )
            )
        }
        return LoyaltyEvent(id: id, time: time, machine: machine, kind: kind)
    }
}

/// Reads typed fields out of a JSON object, turning every failure into a ``LineProblem`` for that field.
private struct FieldReader {
    let object: JSONObject

    func required<T>(_ name: String, _ parse: (String) throws(FieldProblem) -> T) throws(LineProblem) -> T {
        guard let value = try optional(name, parse) else {
            throw LineProblem(field: name, reason: "is missing")
        }
        return value
    }

    func optional<T>(_ name: String, _ parse: (String) throws(FieldProblem) -> T) throws(LineProblem) -> T? {
        guard let value = object[name], value != .null else { return nil }
        guard case .string(let text) = value else {
            throw LineProblem(field: name, reason: "must be a string, not \(Self.describe(value))")
        }
        do {
            return try parse(text)
        } catch {
            throw LineProblem(field: name, reason: error.reason)
        }
    }

    func money() throws(LineProblem) -> Money {
        let currency = try required("currency") { text throws(FieldProblem) in try Currency(code: text) }
        guard let value = object["amount"], value != .null else { throw LineProblem(field: "amount", reason: "is missing") }
        guard case .number(let number) = value else {
            throw LineProblem(field: "amount", reason: "must be a whole number of minor units, not \(Self.describe(value))")
        }
        guard number.rounded() == number, abs(number) < 9.0e15 else {
            throw LineProblem(field: "amount", reason: "must be a whole number of minor units (cents), not \(number)")
        }
        do {
            return try Money(minorUnits: Int64(number), currency: currency)
        } catch {
            throw LineProblem(field: "amount", reason: error.reason)
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
