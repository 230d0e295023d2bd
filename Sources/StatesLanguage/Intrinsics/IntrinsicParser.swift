/// Parses intrinsic function calls and their arguments.
struct IntrinsicParser: TextScanner {
    let text: String
    let characters: [Character]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func parseWhole() throws(PathSyntaxError) -> IntrinsicCall {
        let call = try parseCall()
        skipSpaces()
        guard position == characters.count else { throw error("has text after the closing ')'") }
        return call
    }

    private mutating func parseCall() throws(PathSyntaxError) -> IntrinsicCall {
        let start = position
        while let character = current, character != "(" { position += 1 }
        let name = String(characters[start..<position])
        guard name.hasPrefix("States."), let function = IntrinsicFunction(rawValue: String(name.dropFirst(7))) else {
            throw error("calls '\(name)', which is not an intrinsic function (\(IntrinsicFunction.allCases.map { "States.\($0.rawValue)" }.joined(separator: ", ")))")
        }
        guard current == "(" else { throw error("needs '(' after \(name)") }
        position += 1
        var arguments: [IntrinsicCall.Argument] = []
        skipSpaces()
        if current == ")" {
            position += 1
        } else {
            while true {
                skipSpaces()
                arguments.append(try parseArgument())
                skipSpaces()
                if current == "," {
                    position += 1
                    continue
                }
                guard current == ")" else { throw error("needs ',' or ')' after an argument of \(name)") }
                position += 1
                break
            }
        }
        return IntrinsicCall(function: function, arguments: arguments, text: String(characters[start..<position]))
    }

    private mutating func parseArgument() throws(PathSyntaxError) -> IntrinsicCall.Argument {
        guard let character = current else { throw error("ends inside the arguments") }
        if character == "'" { return .string(raw: try parseString()) }
        if character == "$" { return .path(try parsePath()) }
        if String(characters[position...]).hasPrefix("States.") { return .call(try parseCall()) }
        for (word, value) in [("true", IntrinsicCall.Argument.bool(true)), ("false", .bool(false)), ("null", .null)]
        where String(characters[position...]).hasPrefix(word) {
            position += word.count
            return value
        }
        let start = position
        while let next = current, next.isNumber || "-+.eE".contains(next) { position += 1 }
        guard position > start, let number = Double(String(characters[start..<position])) else {
            throw error("has an invalid argument at position \(start + 1)")
        }
        return .number(number)
    }

    private mutating func parseString() throws(PathSyntaxError) -> String {
        position += 1
        var raw = ""
        while let character = current, character != "'" {
            if character == "\\", position + 1 < characters.count {
                raw.append(character)
                position += 1
            }
            raw.append(characters[position])
            position += 1
        }
        guard current == "'" else { throw error("has an unterminated string") }
        position += 1
        return raw
    }

    private mutating func parsePath() throws(PathSyntaxError) -> JSONPath {
        let start = position
        var depth = 0
        var quote: Character?
        while let character = current {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "[" || character == "(" {
                depth += 1
            } else if character == "]" || (character == ")" && depth > 0) {
                depth -= 1
            } else if depth == 0, character == "," || character == ")" || character == " " {
                break
            }
            position += 1
        }
        return try JSONPath.parse(String(characters[start..<position]))
    }
}
