/// Parsing of RFC 3339 date-times, without Foundation's parsers (which are slow and lenient); formatting
/// is ``Instant/rfc3339``'s.
enum RFC3339 {
    private static let example = "2026-11-24T08:15:02Z"

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`, `z` and a space for `T` are accepted as RFC 3339 allows.
    static func parse(_ text: String) throws(FieldProblem) -> Timestamp {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.bytes.count >= 19 else {
            throw FieldProblem("'\(text)' is not an RFC 3339 date-time such as \(example)")
        }
        let malformed = FieldProblem("'\(text)' is not an RFC 3339 date-time such as \(example)")
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
            let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.digits(2)
        else { throw malformed }
        guard scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t")) || scanner.take(UInt8(ascii: " ")) else {
            throw malformed
        }
        guard let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
            let minute = scanner.digits(2), scanner.take(UInt8(ascii: ":")),
            let second = scanner.digits(2)
        else { throw malformed }
        var millisecond: Int64 = 0
        if scanner.take(UInt8(ascii: ".")) {
            var count = 0
            while let digit = scanner.digit() {
                if count < 3 { millisecond = millisecond * 10 + Int64(digit) }
                count += 1
            }
            guard count > 0 else { throw malformed }
            for _ in count..<max(count, 3) { millisecond *= 10 }
        }
        let offsetMinutes: Int64
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            offsetMinutes = 0
        } else if let sign = scanner.sign() {
            guard let offsetHour = scanner.digits(2), scanner.take(UInt8(ascii: ":")), let offsetMinute = scanner.digits(2) else {
                throw malformed
            }
            guard offsetHour < 24, offsetMinute < 60 else {
                throw FieldProblem("'\(text)' has an impossible UTC offset")
            }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        } else if scanner.isAtEnd {
            throw FieldProblem("'\(text)' has no UTC offset; end it with Z or an offset such as +01:00")
        } else {
            throw malformed
        }
        guard scanner.isAtEnd else { throw malformed }
        guard (1...12).contains(month) else { throw FieldProblem("'\(text)' has month \(month); months run from 01 to 12") }
        let monthLength = daysIn(month: month, year: year)
        guard (1...monthLength).contains(day) else {
            throw FieldProblem("'\(text)' has day \(day); that month has \(monthLength) days")
        }
        guard hour < 24, minute < 60, second <= 60 else { throw FieldProblem("'\(text)' has an impossible time of day") }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return Timestamp(millisecondsSinceEpoch: seconds * 1_000 + millisecond)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func isLeap(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// A cursor over the bytes of a date-time.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { position == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else { return nil }
            defer { position += 1 }
            return Int64(bytes[position] - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let next = digit() else { return nil }
                value = value * 10 + next
            }
            return value
        }

        mutating func sign() -> Int64? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
