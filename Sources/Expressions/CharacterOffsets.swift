/// Turns UTF-8 offsets, which the lexer and template scanner work in, into the `Character` offsets errors
/// report. Text that is all ASCII needs no conversion.
struct CharacterOffsets {
    private let text: String
    private let isASCII: Bool

    init(_ text: String, bytes: [UInt8]) {
        self.text = text
        isASCII = bytes.allSatisfy { $0 < 0x80 }
    }

    /// The number of characters before UTF-8 offset `byteOffset`.
    func characters(before byteOffset: Int) -> Int {
        if isASCII {
            return byteOffset
        }
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(byteOffset, utf8.count))
        return text.distance(from: text.startIndex, to: index)
    }
}
