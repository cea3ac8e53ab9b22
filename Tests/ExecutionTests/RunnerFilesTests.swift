import Testing

@testable import Execution

@Suite("runner files and workflow commands")
struct RunnerFilesTests {
    @Test("name=value and name<<DELIMITER blocks, in order, with = inside values")
    func environmentFile() throws {
        let text = "A=1\nB=x=y\nC<<EOF\nline 1\nline 2\nEOF\nD<<ghadelimiter_1\n\nghadelimiter_1\n"
        let pairs = try EnvironmentFile.parse(text)
        #expect(pairs.map(\.name) == ["A", "B", "C", "D"])
        #expect(pairs.map(\.value) == ["1", "x=y", "line 1\nline 2", ""])
    }

    @Test("a heredoc whose body looks like name=value keeps it (act's old parser bug)")
    func heredocBeforeEquals() throws {
        let pairs = try EnvironmentFile.parse("test<<World\nx=Thats really Weird\nWorld\n")
        #expect(pairs.count == 1)
        #expect(pairs[0] == ("test", "x=Thats really Weird"))
    }

    @Test("an unclosed heredoc and a line without = are errors with a line number")
    func environmentFileErrors() {
        #expect(throws: EnvironmentFile.Problem(line: 2, message: "the value of \"A\" is not closed by a line \"EOF\"")) {
            try EnvironmentFile.parse("A<<EOF\nvalue")
        }
        #expect(throws: EnvironmentFile.Problem.self) { try EnvironmentFile.parse("OK=1\njust text\n") }
    }

    @Test(
        "workflow commands parse with properties and escapes",
        arguments: [
            ("::add-mask::secret", "add-mask", [:], "secret"),
            ("::set-output name=x::a%0Ab", "set-output", ["name": "x"], "a\nb"),
            ("::error file=a.swift,line=3,col=7::bad%25", "error", ["file": "a.swift", "line": "3", "col": "7"], "bad%"),
            ("  ::group::Build", "group", [:], "Build"),
            ("::warning title=a%3Ab::w", "warning", ["title": "a:b"], "w"),
        ])
    func commands(line: String, name: String, properties: [String: String], message: String) throws {
        let command = try #require(WorkflowCommand.parse(line))
        #expect(command.name == name)
        #expect(command.properties == properties)
        #expect(command.message == message)
    }

    @Test("ordinary output is not a command", arguments: ["echo ::x", "::", ":: ::", "::bad!name::x", "plain"])
    func notCommands(line: String) {
        #expect(WorkflowCommand.parse(line) == nil)
    }

    @Test("dotenv files: comments, export, quotes, escapes, heredocs")
    func dotEnv() throws {
        let text = "# comment\nexport A=1\nB=\"two words\\nnext\"\nC='single $x'\nD=plain # trailing\nE<<END\nx\ny\nEND\n"
        let values = try DotEnv.parse(text)
        #expect(values == ["A": "1", "B": "two words\nnext", "C": "single $x", "D": "plain", "E": "x\ny"])
        #expect(throws: DotEnv.Problem(line: 1, message: "expected KEY=value, found \"nonsense\"")) { try DotEnv.parse("nonsense") }
    }
}
