import Foundation

/// Encodes command output as JSON in a stable form: pretty-printed, keys sorted. (Without sorting,
/// Foundation on Linux writes an object's keys in the order of a hashed dictionary, which changes from
/// one process to the next, so two runs of the same replay would differ in more than `wallSeconds`.)
enum JSONOutput {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
