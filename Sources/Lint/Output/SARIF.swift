import Diagnostics

/// The parts of the SARIF 2.1.0 object model that `gantry lint` writes.
enum SARIF {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Log: Encodable {
        var schema = SARIF.schema
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind: String
        var originalUriBaseIds = [
            "%SRCROOT%": Description(description: .init(text: "The directory gantry lint ran in."))
        ]
    }

    struct Description: Encodable {
        var description: Message
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var helpUri: String
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
    }

    struct Location: Encodable {
        struct Physical: Encodable {
            var artifactLocation: Artifact
            var region: Region
        }

        struct Artifact: Encodable {
            var uri: String
            var uriBaseId: String?
        }

        struct Region: Encodable {
            var startLine: Int
            var startColumn: Int
        }

        var id: Int?
        var physicalLocation: Physical
        var message: Message?

        init(_ location: SourceLocation, id: Int? = nil, message: String? = nil) {
            self.id = id
            let relative = !location.file.hasPrefix("/")
            physicalLocation = Physical(
                artifactLocation: Artifact(
                    uri: location.file.uriEncoded(absolute: !relative), uriBaseId: relative ? "%SRCROOT%" : nil),
                region: Region(startLine: max(1, location.line), startColumn: max(1, location.column)))
            self.message = message.map(Message.init)
        }
    }
}

extension String {
    /// The path as a URI reference: relative paths stay relative; characters outside RFC 3986's unreserved set
    /// and `/` are percent-encoded; absolute paths become `file://` URIs.
    func uriEncoded(absolute: Bool) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        var encoded = ""
        for byte in utf8 {
            let character = Character(UnicodeScalar(byte))
            if byte < 128 && allowed.contains(character) {
                encoded.append(character)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return absolute ? "file://" + encoded : encoded
    }

    private func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
