import Loyalty

/// Writes generated events as bytes, in exactly the field order and form of ``Loyalty/LoyaltyEvent/jsonLine``.
///
/// Every fragment a line is made of (ids, SKUs, prices, slot names, field names, digits, the date of the
/// current day) sits in one byte pool made once, and lines are copied with `memcpy` into an output buffer
/// that is handed to the sink a megabyte at a time, so writing a line allocates nothing.
final class TraceEncoder {
    private struct Span {
        let start: Int32
        let count: Int32
    }

    private static let outputCapacity = 1 << 20
    private let pool: UnsafeMutableBufferPointer<UInt8>
    private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: TraceEncoder.outputCapacity + 4_096)
    private var written = 0
    /// Bytes handed to the sink so far.
    private(set) var flushed = 0
    private let machines: [Span]
    private let members: [Span]
    private let skus: [Span]
    private let prices: [Span]
    private let slots: [Span]
    private let types: [Span]
    private let payments: [Span]
    private let oneDigit: [Span]
    private let twoDigits: [Span]
    private let threeDigits: [Span]
    private let fields: [Span]
    /// The pool's first 11 bytes hold `2026-11-23T` for this day.
    private var day: Int64 = .min

    private enum Field: Int, CaseIterable {
        case openID, typeField, timeField, machineField, participantField, paymentField, skuAfterQuote, skuField, slotField, amountField
        case currencyEnd, purchaseField, closeQuote, refundSuffix, csvCurrency, dash, colon, dot, zulu

        var text: String {
            switch self {
            case .openID: #"{"id":""#
            case .typeField: #"","type":""#
            case .timeField: #"","time":""#
            case .machineField: #"","machine":""#
            case .participantField: #","participant":""#
            case .paymentField: #","payment":""#
            case .skuAfterQuote: #"","sku":""#
            case .skuField: #","sku":""#
            case .slotField: #"","slot":""#
            case .amountField: #"","amount":"#
            case .currencyEnd: #","currency":"USD"}"#
            case .purchaseField: #","purchase":""#
            case .closeQuote: #""}"#
            case .refundSuffix: "-r"
            case .csvCurrency: ",USD"
            case .dash: "-"
            case .colon: ":"
            case .dot: "."
            case .zulu: "Z"
            }
        }
    }

    init(fleet: Fleet) {
        var pool = Array("0000-00-00T".utf8)
        func add(_ texts: [[UInt8]]) -> [Span] {
            texts.map { text in
                defer { pool += text }
                return Span(start: Int32(pool.count), count: Int32(text.count))
            }
        }
        machines = add(fleet.machineIDs)
        members = add(fleet.memberIDs)
        skus = add(Catalog.products.map(\.sku))
        prices = add(Catalog.products.map { Array(String($0.price).utf8) })
        slots = add(Fleet.slotNames)
        types = add(["purchase", "refund", "redemption"].map { Array($0.utf8) })
        payments = add([Payment.card, .applePay, .googlePay].map { Array($0.rawValue.utf8) })
        oneDigit = add((0..<10).map { Array(String($0).utf8) })
        twoDigits = add((0..<100).map { Array(($0 < 10 ? "0\($0)" : "\($0)").utf8) })
        threeDigits = add((0..<1000).map { Array(String(1000 + $0).utf8.dropFirst()) })
        fields = add(Field.allCases.map { Array($0.text.utf8) })
        self.pool = .allocate(capacity: pool.count)
        _ = self.pool.initialize(from: pool)
    }

    deinit {
        pool.deallocate()
        output.deallocate()
    }

    /// Whether the output buffer is nearly full and should go to the sink.
    var isFull: Bool { written >= Self.outputCapacity }

    /// Hands the buffered lines to `sink`.
    func flush(into sink: inout some ByteSink) throws {
        guard written > 0 else { return }
        flushed += written
        try sink.write(Array(UnsafeBufferPointer(start: output, count: written)))
        written = 0
    }

    /// Starts the output with `bytes` (a CSV header).
    func append(raw bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0.baseAddress!, $0.count) }
    }

    private func put(_ source: UnsafePointer<UInt8>, _ count: Int) {
        (output + written).update(from: source, count: count)
        written += count
    }

    private func put(_ span: Span) {
        put(UnsafePointer(pool.baseAddress! + Int(span.start)), Int(span.count))
    }

    private func put(_ field: Field) {
        put(fields[field.rawValue])
    }

    private func put(byte: UInt8) {
        output[written] = byte
        written += 1
    }

    func appendJSONLine(_ event: GeneratedEvent) {
        updateDay(for: event.time)
        put(.openID)
        appendID(event, refund: event.kind == .refund)
        put(.typeField)
        put(types[Int(event.kind.rawValue)])
        put(.timeField)
        appendTime(event.time)
        put(.machineField)
        put(machines[Int(event.machine)])
        put(byte: UInt8(ascii: "\""))
        if event.member >= 0 {
            put(.participantField)
            put(members[Int(event.member)])
            put(byte: UInt8(ascii: "\""))
        }
        switch event.kind {
        case .purchase:
            put(.paymentField)
            put(payment(event))
            put(.skuAfterQuote)
            put(skus[Int(event.product)])
            put(.slotField)
            put(slots[Int(event.slot)])
            put(.amountField)
            put(prices[Int(event.product)])
            put(.currencyEnd)
        case .refund:
            put(.purchaseField)
            appendID(event, refund: false)
            put(.amountField)
            put(prices[Int(event.product)])
            put(.currencyEnd)
        case .redemption:
            put(.skuField)
            put(skus[Int(event.product)])
            put(.slotField)
            put(slots[Int(event.slot)])
            put(.closeQuote)
        }
        put(byte: UInt8(ascii: "\n"))
    }

    func appendCSVLine(_ event: GeneratedEvent) {
        updateDay(for: event.time)
        let comma = UInt8(ascii: ",")
        appendID(event, refund: event.kind == .refund)
        put(byte: comma)
        put(types[Int(event.kind.rawValue)])
        put(byte: comma)
        appendTime(event.time)
        put(byte: comma)
        put(machines[Int(event.machine)])
        put(byte: comma)
        if event.member >= 0 { put(members[Int(event.member)]) }
        put(byte: comma)
        if event.kind == .purchase { put(payment(event)) }
        put(byte: comma)
        if event.kind != .refund {
            put(skus[Int(event.product)])
            put(byte: comma)
            put(slots[Int(event.slot)])
        } else {
            put(byte: comma)
        }
        if event.kind != .redemption {
            put(byte: comma)
            put(prices[Int(event.product)])
            put(.csvCurrency)
        } else {
            put(byte: comma)
            put(byte: comma)
        }
        put(byte: comma)
        if event.kind == .refund { appendID(event, refund: false) }
        put(byte: UInt8(ascii: "\n"))
    }

    /// The pooled name of the event's payment (the pool holds them in the order card, Apple Pay, Google Pay).
    private func payment(_ event: GeneratedEvent) -> Span {
        switch event.payment {
        case .card: payments[0]
        case .applePay: payments[1]
        case .googlePay: payments[2]
        }
    }

    /// `VM-00042-0000123` for the session's purchase or redemption, with `-r` for its refund.
    private func appendID(_ event: GeneratedEvent, refund: Bool) {
        put(machines[Int(event.machine)])
        put(.dash)
        let session = Int(event.session)
        if session < 1_000_000 {
            put(oneDigit[0])
        } else {
            var digits: [Span] = []
            var millions = session / 1_000_000
            while millions > 0 {
                digits.append(oneDigit[millions % 10])
                millions /= 10
            }
            for digit in digits.reversed() { put(digit) }
        }
        put(threeDigits[session / 1000 % 1000])
        put(threeDigits[session % 1000])
        if refund { put(.refundSuffix) }
    }

    /// The day's date, then `08:15:02.120Z`.
    private func appendTime(_ time: Int64) {
        let inDay = Int(time - day * 86_400_000)
        put(Span(start: 0, count: 11))
        put(twoDigits[inDay / 3_600_000])
        put(.colon)
        put(twoDigits[inDay / 60_000 % 60])
        put(.colon)
        put(twoDigits[inDay / 1000 % 60])
        put(.dot)
        put(threeDigits[inDay % 1000])
        put(.zulu)
    }

    private func updateDay(for time: Int64) {
        let eventDay = time >= 0 ? time / 86_400_000 : (time - 86_399_999) / 86_400_000
        guard eventDay != day else { return }
        day = eventDay
        var full: [UInt8] = []
        Timestamp(millisecondsSinceEpoch: eventDay * 86_400_000).writeRFC3339(into: &full)
        for index in 0..<11 { pool[index] = full[index] }
    }
}
