import Crypto
import Foundation

/// Lowercase hex SHA-256 digests, for `hashFiles` and the content-addressed cache; the hashing is swift-crypto's.
enum ContentDigest {
    /// The digest of `data`.
    static func hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// The digest of a file's bytes, read in 1 MiB chunks.
    static func hexOfFile(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hex(hash.finalize())
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
