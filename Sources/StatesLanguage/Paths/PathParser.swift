import JSON

/// Parses JSONPath text: the root, its segments, and the expressions of filter selectors.
struct PathParser: TextScanner {
    let text: String
    let characters: [Character]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func parsePath() throws(PathSyntaxError) -> JSONPath {
        guard take("$") else { throw error("must start with '$'") }
        let root: JSONPath.Root = take("$") ? .context : .input
        let segments = try parseSegments(inFilter: false)
        guard isAtEnd else { throw error("has unexpected '\(characters[position])' at position \(position + 1)") }
        return JSONPath(root: root, segments: segments, text: text)
    }

    private mutating func parseSegments(inFilter: Bool) throws(PathSyntaxError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while let character = current {
            if character == "." {
                position += 1
                if take(".") {
                    if current == "[" {
                        segments.append(.descendant(try parseBracket()))
                    } else {
                        segments.append(.descendant([try parseDotName(inFilter: inFilter)]))
                    }
                } else {
                    segments.append(.child([try parseDotName(inFilter: inFilter)]))
                }
            } else if character == "[" {
                segments.append(.child(try parseBracket()))
            } else {
                break
            }
        }
        return segments
    }

    private mutating func parseDotName(inFilter: Bool) throws(PathSyntaxError) -> JSONPath.Selector {
        if take("*") { return .wildcard }
        let stops: Set<Character> = inFilter ? [".", "[", " ", ")", "=", "!", "<", ">", "&", "|"] : [".", "["]
        let start = position
        while let character = current, !stops.contains(character) { position += 1 }
        guard position > start else { throw error("has an empty field name at position \(start + 1)") }
        return .name(String(characters[start..<position]))
    }

    private mutating func parseBracket() throws(PathSyntaxError) -> [JSONPath.Selector] {
        position += 1
        skipSpaces()
        if take("?") {
            guard take("(") else { throw error("needs '(' after '?' in a filter") }
            let expression = try parseOr()
            skipSpaces()
            guard take(")") else { throw error("needs ')' to close the filter") }
            skipSpaces()
            guard take("]") else { throw error("needs ']' after the filter") }
            return [.filter(expression)]
        }
        var selectors: [JSONPath.Selector] = []
        repeat {
            skipSpaces()
            selectors.append(try parseBracketSelector())
            skipSpaces()
        } while take(",")
        guard take("]") else { throw error("needs ']' to close a bracket") }
        return selectors
    }

    private mutating func parseBracketSelector() throws(PathSyntaxError) -> JSONPath.Selector {
        if take("*") { return .wildcard }
        if current == "'" || current == "\"" { return .name(try parseQuoted()) }
        let start = parseInteger()
        if take(":") {
            let end = parseInteger()
            let step = take(":") ? parseInteger() : nil
            return .slice(start: start, end: end, step: step)
        }
        guard let start else { throw error("has an invalid selector at position \(position + 1)") }
        return .index(start)
    }

    private mutating func parseInteger() -> Int? {
        let start = position
        _ = take("-")
        while let character = current, character.isASCII, character.isNumber { position += 1 }
        guard position > start, let value = Int(String(characters[start..<position])) else {
            position = start
            return nil
        }
        return value
    }

    private mutating func parseQuoted() throws(PathSyntaxError) -> String {
        let quote = characters[position]
        position += 1
        var value = ""
        while let character = current, character != quote {
            if character == "\\", position + 1 < characters.count {
                position += 1
            }
            value.append(characters[position])
            position += 1
        }
        guard take(quote) else { throw error("has an unterminated quoted name") }
        return value
    }

    private mutating func parseOr() throws(PathSyntaxError) -> FilterExpression {
        var expression = try parseAnd()
        while true {
            skipSpaces()
            guard take("|") else { return expression }
            guard take("|") else { throw error("needs '||' in a filter") }
            expression = .or(expression, try parseAnd())
        }
    }

    private mutating func parseAnd() throws(PathSyntaxError) -> FilterExpression {
        var expression = try parseUnary()
        while true {
            skipSpaces()
            guard take("&") else { return expression }
            guard take("&") else { throw error("needs '&&' in a filter") }
            expression = .and(expression, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(PathSyntaxError) -> FilterExpression {
        skipSpaces()
        if current == "!", position + 1 < characters.count, characters[position + 1] != "=" {
            position += 1
            return .not(try parseUnary())
        }
        if take("(") {
            let inner = try parseOr()
            skipSpaces()
            guard take(")") else { throw error("needs ')' in a filter") }
            return inner
        }
        let left = try parseOperand()
        skipSpaces()
        for comparison in ["==", "!=", "<=", ">=", "<", ">"] where text.dropFirst(position).hasPrefix(comparison) {
            position += comparison.count
            let right = try parseOperand()
            return .compare(left, FilterExpression.Comparison(rawValue: comparison)!, right)
        }
        return .exists(left)
    }

    private mutating func parseOperand() throws(PathSyntaxError) -> FilterOperand {
        skipSpaces()
        if take("@") { return .current(try parseSegments(inFilter: true)) }
        if take("$") { return .root(try parseSegments(inFilter: true)) }
        if current == "'" || current == "\"" { return .literal(.string(try parseQuoted())) }
        for (word, value) in [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)] where text.dropFirst(position).hasPrefix(word) {
            position += word.count
            return .literal(value)
        }
        let start = position
        while let character = current, character.isNumber || "-+.eE".contains(character) { position += 1 }
        guard position > start, let number = Double(String(characters[start..<position])) else {
            throw error("has an invalid filter operand at position \(start + 1)")
        }
        return .literal(.number(number))
    }
}
