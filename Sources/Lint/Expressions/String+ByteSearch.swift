extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8.
    ///
    /// Foundation's `contains(_:)` goes through `NSString` and locale-aware search, which made it the largest
    /// cost of linting; the needles here are ASCII markers such as `${{` or `always()`.
    func contains(bytes needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Bool in
            guard haystack.count >= pattern.count else { return false }
            var index = 0
            let last = haystack.count - pattern.count
            while index <= last {
                if haystack[index] == first {
                    var matched = 1
                    while matched < pattern.count && haystack[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
        if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
        return Array(utf8).withUnsafeBufferPointer(search)
    }

    /// Whether every character is ASCII, so character offsets equal UTF-8 offsets.
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 128 } } ?? utf8.allSatisfy { $0 < 128 }
    }
}
