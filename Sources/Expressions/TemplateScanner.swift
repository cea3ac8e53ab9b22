/// Finds the `${{ }}` expressions in template text, working on UTF-8 bytes.
struct TemplateScanner {
    private let text: String
    private let bytes: [UInt8]
    private let offsets: CharacterOffsets

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        offsets = CharacterOffsets(text, bytes: bytes)
    }

    /// The segments of the text, each expression parsed, and the character offset where each expression's
    /// source starts in the text.
    func scan() throws(ExpressionError) -> (segments: [Template.Segment], sourceOffsets: [Int]) {
        var segments: [Template.Segment] = []
        var sourceOffsets: [Int] = []
        var literalStart = 0
        var index = 0
        while let open = findOpening(from: index) {
            let contentStart = open + 3
            guard let close = findClosing(from: contentStart) else {
                throw ExpressionError(
                    offset: offsets.characters(before: open),
                    message: "expression opened with \"${{\" is not closed, expected \"}}\""
                )
            }
            if open > literalStart {
                segments.append(.literal(string(literalStart..<open)))
            }
            let (segment, sourceOffset) = try expression(contentStart..<close, openingAt: open)
            segments.append(segment)
            sourceOffsets.append(sourceOffset)
            index = close + 2
            literalStart = index
        }
        if literalStart < bytes.count {
            segments.append(.literal(string(literalStart..<bytes.count)))
        }
        return (segments, sourceOffsets)
    }

    /// The expression between `${{` and `}}`, trimmed of white space, with error offsets moved into the text.
    private func expression(
        _ content: Range<Int>, openingAt open: Int
    ) throws(ExpressionError) -> (Template.Segment, Int) {
        let raw = Substring(string(content))
        let trimmed = raw.trimmingWhiteSpace()
        let openOffset = offsets.characters(before: open)
        guard !trimmed.isEmpty else {
            throw ExpressionError(offset: openOffset, message: "expected an expression between \"${{\" and \"}}\"")
        }
        let leading = raw.distance(from: raw.startIndex, to: trimmed.startIndex)
        let sourceOffset = offsets.characters(before: content.lowerBound) + leading
        do {
            return (.expression(try Expression.parse(String(trimmed)), offset: openOffset), sourceOffset)
        } catch {
            throw error.shifted(by: sourceOffset)
        }
    }

    private func findOpening(from start: Int) -> Int? {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: "{")
            {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The offset of the first `}}` outside single quotes; `''` inside a string toggles twice and so stays in.
    private func findClosing(from start: Int) -> Int? {
        var inString = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                inString.toggle()
            } else if !inString, byte == UInt8(ascii: "}"), index + 1 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "}")
            {
                return index
            }
            index += 1
        }
        return nil
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
