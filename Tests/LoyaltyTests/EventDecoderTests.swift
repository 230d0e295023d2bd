import JSON
import Loyalty
import TestSupport
import Testing

@Suite struct EventDecoderTests {
    let decoder = EventDecoder()
    let purchase = TraceLines.purchase("e-1", by: "vp-1", at: "08:00:00")

    /// The line with `field` replaced by a raw JSON value (or removed when `value` is nil).
    func purchase(setting field: String, to value: String?) -> String {
        var fields = [
            ("id", #""e-1""#), ("type", #""purchase""#), ("time", #""2026-11-24T08:00:00Z""#), ("machine", #""VM-1""#),
            ("participant", #""vp-1""#), ("payment", #""apple_pay""#), ("sku", #""coke-355""#), ("slot", #""A3""#),
            ("amount", "250"), ("currency", #""USD""#),
        ]
        if let index = fields.firstIndex(where: { $0.0 == field }) {
            if let value { fields[index].1 = value } else { fields.remove(at: index) }
        } else if let value {
            fields.append((field, value))
        }
        return "{" + fields.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}"
    }

    func decodeProblem(_ line: String) -> LineProblem? {
        do {
            _ = try decoder.decode(line)
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesTheContractsExamples() throws {
        let lines = [
            #"{"id":"e-000001","type":"purchase","time":"2026-11-24T08:15:02.120Z","machine":"VM-0042","participant":"vp-7f3a9c","payment":"apple_pay","sku":"coke-355","slot":"A3","amount":250,"currency":"USD"}"#,
            #"{"id":"e-000002","type":"refund","time":"2026-11-24T08:15:09Z","machine":"VM-0042","participant":"vp-7f3a9c","purchase":"e-000001","amount":250,"currency":"USD"}"#,
            #"{"id":"e-000003","type":"redemption","time":"2026-11-24T09:01:44Z","machine":"VM-0007","participant":"vp-7f3a9c","sku":"coke-355","slot":"B1"}"#,
        ]
        let events = try lines.map { try decoder.decode($0) }
        #expect(events.map(\.type) == [.purchase, .refund, .redemption])
        #expect(events.allSatisfy { $0.participant?.rawValue == "vp-7f3a9c" })
        guard case .refund(let refund) = events[1].kind else { Issue.record("not a refund"); return }
        #expect(refund.purchase.rawValue == "e-000001")
        #expect(refund.amount.description == "2.50 USD")
    }

    /// An event's object (a workflow's input) is its line parsed, member for member and in order.
    @Test func anEventsObjectIsItsLineParsed() throws {
        let lines = [
            purchase, purchase(setting: "participant", to: nil),
            #"{"id":"e-2","type":"refund","time":"2026-11-24T08:15:09Z","machine":"VM-1","purchase":"e-1","sku":"coke-355","amount":250,"currency":"USD"}"#,
            #"{"id":"e-3","type":"redemption","time":"2026-11-24T09:01:44Z","machine":"VM-7","participant":"vp-1","sku":"coke-355","slot":"B1"}"#,
        ]
        for line in lines {
            let event = try decoder.decode(line)
            guard case .object(let parsed) = try JSONParser.parse(event.jsonLine) else {
                Issue.record("not an object: \(event.jsonLine)")
                continue
            }
            #expect(event.jsonObject == parsed)
            #expect(event.jsonObject.orderedKeys == parsed.orderedKeys)
        }
    }

    @Test func canonicalLineRoundTrips() throws {
        let event = try decoder.decode(purchase(setting: "time", to: #""2026-11-24T09:00:00.5+01:00""#))
        #expect(event.jsonLine.contains(#""time":"2026-11-24T08:00:00.500Z""#))
        #expect(try decoder.decode(event.jsonLine) == event)
    }

    /// A workflow's task input carries the event as a JSON object: it decodes to the same event, or
    /// fails with the same problem, as the line it came from.
    @Test func anEventGivenAsAnObjectDecodesAsItsLine() throws {
        let lines = [purchase, purchase(setting: "amount", to: "2.5"), purchase(setting: "bonus", to: "1"), purchase(setting: "sku", to: nil)]
        for line in lines {
            guard case .object(let object) = try JSONParser.parse(line) else {
                Issue.record("not an object: \(line)")
                continue
            }
            let fromObject = Result(catching: { () throws(LineProblem) in try decoder.decode(object: object) })
            let fromLine = Result(catching: { () throws(LineProblem) in try decoder.decode(line) })
            #expect(fromObject == fromLine, "\(line)")
        }
        #expect(throws: LineProblem(field: "type", reason: "is missing")) { try decoder.decode(object: JSONObject()) }
    }

    /// A workflow adds its own members beside the event's: told to ignore them, the decoder reads the
    /// event as its line would be read, and still checks every field the event's type has.
    @Test func membersAWorkflowAddedAreIgnoredWhenAsked() throws {
        guard case .object(let object) = try JSONParser.parse(purchase(setting: "bonus", to: "1")) else {
            Issue.record("not an object")
            return
        }
        #expect(throws: LineProblem.self) { try decoder.decode(object: object) }
        #expect(try decoder.decode(object: object, otherFields: .ignored) == decoder.decode(purchase(setting: "bonus", to: nil)))
        guard case .object(let broken) = try JSONParser.parse(purchase(setting: "amount", to: "2.5")) else {
            Issue.record("not an object")
            return
        }
        #expect(throws: LineProblem.self) { try decoder.decode(object: broken, otherFields: .ignored) }
    }

    @Test func anonymousPurchaseHasNoParticipant() throws {
        #expect(try decoder.decode(purchase(setting: "participant", to: nil)).participant == nil)
        #expect(try decoder.decode(purchase(setting: "participant", to: "null")).participant == nil)
    }

    @Test(arguments: [
        ("id", #""e 1""#, "contains a space"),
        ("id", #""""#, "must not be empty"),
        ("id", "\"" + String(repeating: "x", count: 65) + "\"", "65 characters long; at most 64"),
        ("id", #""e/1""#, "contains '/'"),
        ("id", nil, "is missing"),
        ("type", #""sale""#, "'sale' is not an event type"),
        ("payment", #""cash""#, "'cash' is not a payment method"),
        ("time", #""2026-11-24T08:00:00""#, "no UTC offset"),
        ("time", "1795500000", "must be a string, not a number"),
        ("currency", #""USX""#, "'USX' is not an ISO 4217 currency code"),
        ("currency", #""usd""#, "codes are upper case ('USD')"),
        ("currency", #""XTS""#, "not an ISO 4217 currency code in circulation"),
        ("currency", #""HRK""#, "not an ISO 4217 currency code in circulation"),
        ("amount", "-1", "must not be negative"),
        ("amount", "2.5", "whole number of minor units (cents), not 2.5"),
        ("amount", #""250""#, "not a string"),
        ("amount", nil, "is missing"),
        ("sku", "true", "must be a string, not a boolean"),
        ("machine", "[1]", "must be a string, not an array"),
        ("colour", #""red""#, "is not a field of the trace format"),
        ("partcipant", #""vp-1""#, #"is not a field of the trace format (did you mean "participant"?)"#),
        ("purchase", #""e-0""#, "does not belong on a purchase"),
    ] as [(String, String?, String)])
    func reportsTheFieldAndTheReason(field: String, value: String?, expected: String) throws {
        let problem = try #require(decodeProblem(purchase(setting: field, to: value)))
        #expect(problem.field == field)
        #expect(problem.reason.contains(expected), "\(problem)")
    }

    @Test func refundNeedsItsPurchaseAndRedemptionItsParticipant() throws {
        let refund = #"{"id":"e-2","type":"refund","time":"2026-11-24T08:00:00Z","machine":"VM-1","amount":250,"currency":"USD"}"#
        #expect(decodeProblem(refund) == LineProblem(field: "purchase", reason: "is missing"))
        let redemption = #"{"id":"e-3","type":"redemption","time":"2026-11-24T08:00:00Z","machine":"VM-1","sku":"a","slot":"b"}"#
        #expect(decodeProblem(redemption) == LineProblem(field: "participant", reason: "is required on a redemption"))
        let paidRedemption = #"{"id":"e-3","type":"redemption","time":"2026-11-24T08:00:00Z","machine":"VM-1","participant":"vp-1","sku":"a","slot":"b","amount":1}"#
        #expect(decodeProblem(paidRedemption) == LineProblem(field: "amount", reason: "does not belong on a redemption"))
    }

    @Test func reportsLinesThatAreNotJSONObjects() throws {
        #expect(try #require(decodeProblem("{\"id\":")).reason.hasPrefix("is not valid JSON"))
        #expect(decodeProblem("[1,2]") == LineProblem(field: nil, reason: "is not a JSON object"))
    }
}
