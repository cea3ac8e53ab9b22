import NIOCore
import Testing

@testable import Proxy

@Suite("following chunked bodies")
struct ChunkedScannerTests {
    private let body = "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n"

    @Test("the end is found wherever the bytes are split, and nothing after it is taken")
    func anySplit() throws {
        let bytes = Array((body + "GET / HTTP/1.1").utf8)
        for split in 0...bytes.count {
            var scanner = ChunkedScanner()
            var taken = try bytes[..<split].withUnsafeBytes { try scanner.scan($0) }
            if !scanner.isDone { taken += try bytes[split...].withUnsafeBytes { try scanner.scan($0) } }
            #expect(scanner.isDone, "split at \(split)")
            #expect(taken == body.utf8.count, "split at \(split)")
        }
    }

    @Test(
        "malformed chunk sizes and line ends are refused",
        arguments: ["x\r\n", "4\nWiki", "4\r\nWikiXX", "\r\n", "ffffffffffffffffff\r\n"])
    func malformed(text: String) {
        var scanner = ChunkedScanner()
        #expect(throws: ChunkedScanner.Malformed.self) {
            _ = try Array(text.utf8).withUnsafeBytes { try scanner.scan($0) }
        }
    }
}
