/// A cursor over the characters of a path or an intrinsic call, shared by their parsers.
protocol TextScanner {
    /// The whole text, for error messages.
    var text: String { get }
    var characters: [Character] { get }
    var position: Int { get set }
}

extension TextScanner {
    var isAtEnd: Bool { position >= characters.count }

    var current: Character? { isAtEnd ? nil : characters[position] }

    /// Consumes `character` if it comes next.
    mutating func take(_ character: Character) -> Bool {
        guard current == character else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while current == " " { position += 1 }
    }

    func error(_ reason: String) -> PathSyntaxError {
        PathSyntaxError(text: text, reason: reason)
    }
}
