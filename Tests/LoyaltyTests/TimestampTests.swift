import Loyalty
import Testing

@Suite struct TimestampTests {
    @Test func normalisesOffsetsToUTCMilliseconds() throws {
        let utc = try Timestamp(rfc3339: "2026-11-24T08:15:02.120Z")
        #expect(try Timestamp(rfc3339: "2026-11-24T09:15:02.12+01:00") == utc)
        #expect(try Timestamp(rfc3339: "2026-11-24t03:15:02.1204-05:00") == utc)
        #expect(utc.rfc3339 == "2026-11-24T08:15:02.120Z")
        #expect(utc.millisecondsSinceEpoch == 1_795_508_102_120)
    }

    @Test func formatsDatesBefore1970AndLeapDays() throws {
        #expect(try Timestamp(rfc3339: "1969-12-31T23:59:59.999Z").millisecondsSinceEpoch == -1)
        #expect(Timestamp(millisecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
        #expect(try Timestamp(rfc3339: "2024-02-29T12:00:00Z").rfc3339 == "2024-02-29T12:00:00.000Z")
    }

    @Test(arguments: [
        ("2026-11-24T08:15:02", "no UTC offset"),
        ("2026-11-24 08:15", "not an RFC 3339 date-time"),
        ("2026-13-01T00:00:00Z", "month 13"),
        ("2025-02-29T00:00:00Z", "day 29; that month has 28 days"),
        ("2026-11-24T24:00:00Z", "impossible time of day"),
        ("2026-11-24T08:15:02+25:00", "impossible UTC offset"),
        ("yesterday", "not an RFC 3339 date-time"),
    ])
    func refusesWhatRFC3339DoesNotAllow(text: String, expected: String) {
        #expect {
            _ = try Timestamp(rfc3339: text)
        } throws: { error in
            (error as? FieldProblem)?.reason.contains(expected) == true
        }
    }
}
