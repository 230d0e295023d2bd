import Foundation

/// Decodes one line of a trace into a ``LoyaltyEvent``, validating every field.
///
/// ```swift
/// let decoder = EventDecoder()
/// let event = try decoder.decode(#"{"id":"e-1","type":"redemption", …}"#)
/// ```
/// A problem names the field and what is wrong with it; the caller adds the file and the line.
public struct EventDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes a line given as text.
    public func decode(_ line: String) throws(LineProblem) -> LoyaltyEvent {
        try decode(Data(line.utf8))
    }

    /// Decodes a line given as UTF-8 bytes.
    public func decode(_ line: Data) throws(LineProblem) -> LoyaltyEvent {
        do {
            return try JSONDecoder().decode(WireEvent.self, from: line).event
        } catch let problem as LineProblem {
            throw problem
        } catch DecodingError.dataCorrupted(let context) {
            let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
            throw LineProblem(field: nil, reason: "is not valid JSON: \(Self.shorten(detail))")
        } catch {
            throw LineProblem(field: nil, reason: "is not a JSON object")
        }
    }

    private static func shorten(_ detail: String) -> String {
        let trimmed = detail.replacingOccurrences(of: "\n", with: " ")
        return trimmed.count > 120 ? String(trimmed.prefix(117)) + "..." : trimmed
    }
}

/// The JSON form of an event, decoded field by field so that every problem names its field.
private struct WireEvent: Decodable {
    let event: LoyaltyEvent

    private static let common: Set<String> = ["id", "type", "time", "machine"]
    private static let allowed: [EventType: (required: Set<String>, optional: Set<String>)] = [
        .purchase: (common.union(["payment", "sku", "slot", "amount", "currency"]), ["participant"]),
        .refund: (common.union(["purchase", "amount", "currency"]), ["participant", "sku", "slot"]),
        .redemption: (common.union(["participant", "sku", "slot"]), []),
    ]
    private static let known = allowed.values.reduce(into: Set<String>()) { $0.formUnion($1.required.union($1.optional)) }

    init(from decoder: any Decoder) throws {
        let fields: FieldReader
        do {
            fields = FieldReader(container: try decoder.container(keyedBy: FieldKey.self))
        } catch {
            throw LineProblem(field: nil, reason: "is not a JSON object")
        }
        let type = try fields.required("type") { text throws(FieldProblem) in try EventType(validating: text) }
        let rule = Self.allowed[type]!
        for name in fields.names.sorted() where !rule.required.contains(name) && !rule.optional.contains(name) {
            let reason = Self.known.contains(name) ? "does not belong on a \(type.rawValue)" : "is not a field of the trace format"
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
        event = LoyaltyEvent(id: id, time: time, machine: machine, kind: kind)
    }
}

/// Any JSON object key.
private struct FieldKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Reads typed fields out of a JSON object, turning every failure into a ``LineProblem`` for that field.
private struct FieldReader {
    let container: KeyedDecodingContainer<FieldKey>

    var names: [String] { container.allKeys.map(\.stringValue) }

    func required<T>(_ name: String, _ parse: (String) throws(FieldProblem) -> T) throws(LineProblem) -> T {
        guard let value = try optional(name, parse) else {
            throw LineProblem(field: name, reason: "is missing")
        }
        return value
    }

    func optional<T>(_ name: String, _ parse: (String) throws(FieldProblem) -> T) throws(LineProblem) -> T? {
        let key = FieldKey(name)
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else { return nil }
        guard let text = try? container.decode(String.self, forKey: key) else {
            throw LineProblem(field: name, reason: "must be a string, not \(describe(key))")
        }
        do {
            return try parse(text)
        } catch {
            throw LineProblem(field: name, reason: error.reason)
        }
    }

    func money() throws(LineProblem) -> Money {
        let currency = try required("currency") { text throws(FieldProblem) in try Currency(code: text) }
        let key = FieldKey("amount")
        guard container.contains(key), (try? container.decodeNil(forKey: key)) != true else {
            throw LineProblem(field: "amount", reason: "is missing")
        }
        guard let minorUnits = try? container.decode(Int64.self, forKey: key) else {
            if let number = try? container.decode(Double.self, forKey: key) {
                throw LineProblem(field: "amount", reason: "must be a whole number of minor units (cents), not \(number)")
            }
            throw LineProblem(field: "amount", reason: "must be a whole number of minor units, not \(describe(key))")
        }
        do {
            return try Money(minorUnits: minorUnits, currency: currency)
        } catch {
            throw LineProblem(field: "amount", reason: error.reason)
        }
    }

    private func describe(_ key: FieldKey) -> String {
        if (try? container.decode(Bool.self, forKey: key)) != nil { return "a boolean" }
        if (try? container.decode(Double.self, forKey: key)) != nil { return "a number" }
        if (try? container.decode(String.self, forKey: key)) != nil { return "a string" }
        if (try? container.nestedUnkeyedContainer(forKey: key)) != nil { return "an array" }
        return "an object"
    }
}
