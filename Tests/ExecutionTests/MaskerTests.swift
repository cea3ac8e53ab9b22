import Testing

@testable import Execution

@Suite("masking")
struct MaskerTests {
    @Test("every occurrence of a secret is replaced, longest first")
    func masks() {
        let masker = Masker(["top-secret", "top-secret-and-more"])
        #expect(masker.mask("a top-secret-and-more b top-secret") == "a *** b ***")
    }

    @Test("each line of a multi-line secret is masked on its own, since output arrives by line")
    func multiline() {
        let masker = Masker(["first line\nsecond line"])
        #expect(masker.mask("second line") == "***")
        #expect(masker.mask("x first line y") == "x *** y")
    }

    @Test("values shorter than three characters are not masked, so output stays readable")
    func tooShort() {
        let masker = Masker(["a", "", "ab"])
        #expect(masker.isEmpty)
        #expect(masker.mask("a b ab") == "a b ab")
    }

    @Test("::add-mask:: masks that value in the rest of the output and the command itself is not shown")
    func addMask() {
        let masker = Masker()
        let shown = LockedLines()
        let processor = OutputProcessor(masker: masker, showDebug: false) { shown.append($0) }
        processor.handle("::add-mask::hunter22")
        processor.handle("the password is hunter22")
        #expect(shown.all == ["the password is ***"])
        #expect(processor.text == "the password is ***")
    }

    @Test("::stop-commands:: turns command processing off until the token")
    func stopCommands() {
        let shown = LockedLines()
        let processor = OutputProcessor(masker: Masker(), showDebug: false) { shown.append($0) }
        processor.handle("::stop-commands::pause-token")
        processor.handle("::add-mask::not-a-command")
        processor.handle("::pause-token::")
        processor.handle("::set-output name=a::b")
        #expect(shown.all == ["::add-mask::not-a-command"])
        #expect(processor.outputs.first?.0 == "a")
    }
}

final class LockedLines: @unchecked Sendable {
    private var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
    var all: [String] { lines }
}
