import Foundation
import Testing

@testable import Execution

@Suite("shells and hashing")
struct ShellAndHashTests {
    @Test(
        "shells resolve to GitHub's command lines",
        arguments: [
            (nil, ["bash", "-e", "/s.sh"]),
            ("bash", ["bash", "--noprofile", "--norc", "-eo", "pipefail", "/s.sh"]),
            ("sh", ["sh", "-e", "/s.sh"]),
            ("python", ["python3", "/s.py"]),
            ("cp {0} action.yml", ["cp", "/s", "action.yml"]),
            ("perl -w {0}", ["perl", "-w", "/s.pl"]),
            ("node", ["node", "/s.js"]),
        ] as [(String?, [String])])
    func shells(name: String?, expected: [String]) {
        let shell = Shell.resolve(name) { $0 == "bash" }
        let script = "/s" + (shell.fileExtension.isEmpty ? "" : "." + shell.fileExtension)
        #expect(shell.arguments(scriptPath: script) == expected)
    }

    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(ContentDigest.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(ContentDigest.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(ContentDigest.hex(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
