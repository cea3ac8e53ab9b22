import Foundation

/// How a `run:` script is executed: GitHub's shell names or a custom template with `{0}` for the script path.
public struct Shell: Sendable, Equatable {
    public var template: [String]
    public var fileExtension: String

    /// The shell for `name` (already evaluated); nil `name` means the default, `bash -e {0}` when bash exists.
    public static func resolve(_ name: String?, hasExecutable: (String) -> Bool) -> Shell {
        guard let name, !name.isEmpty else {
            return hasExecutable("bash")
                ? Shell(template: ["bash", "-e", "{0}"], fileExtension: "sh")
                : Shell(template: ["sh", "-e", "{0}"], fileExtension: "sh")
        }
        switch name {
        case "bash": return Shell(template: ["bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"], fileExtension: "sh")
        case "sh": return Shell(template: ["sh", "-e", "{0}"], fileExtension: "sh")
        case "python": return Shell(template: [hasExecutable("python") ? "python" : "python3", "{0}"], fileExtension: "py")
        case "pwsh": return Shell(template: ["pwsh", "-command", ". '{0}'"], fileExtension: "ps1")
        case "powershell": return Shell(template: ["pwsh", "-command", ". '{0}'"], fileExtension: "ps1")
        case "cmd": return Shell(template: ["cmd", "/D", "/E:ON", "/V:OFF", "/S", "/C", "CALL \"{0}\""], fileExtension: "cmd")
        default:
            var words = splitWords(name)
            if !words.contains(where: { $0.contains("{0}") }) { words.append("{0}") }
            let known = ["bash": "sh", "sh": "sh", "python": "py", "python3": "py", "node": "js", "pwsh": "ps1", "perl": "pl"]
            let program = words.first.map { String($0.split(separator: "/").last ?? "") } ?? ""
            return Shell(template: words, fileExtension: known[program] ?? "")
        }
    }

    /// argv with `{0}` replaced by the script path.
    public func arguments(scriptPath: String) -> [String] {
        template.map { $0.replacingOccurrences(of: "{0}", with: scriptPath) }
    }

    /// Splits a command line on spaces, keeping single- and double-quoted parts together.
    static func splitWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
