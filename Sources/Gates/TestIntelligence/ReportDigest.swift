import Crypto
import Foundation

/// The SHA-256 of a report's bytes: the key that makes ingesting the same report twice a no-op.
public enum ReportDigest {
    /// The lowercase hex SHA-256 of `data` (swift-crypto's).
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
