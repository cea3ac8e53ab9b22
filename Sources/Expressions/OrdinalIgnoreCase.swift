/// String comparisons that ignore case the way .NET's `StringComparison.OrdinalIgnoreCase` does, which GitHub
/// uses for `==`, `<`, `contains`, `startsWith`, `endsWith` and object keys.
///
/// Each character is mapped to upper case on its own (simple case mapping, so `ß` stays `ß`) and the results
/// are compared as UTF-16 code units. Upper-casing, not lower-casing, matters for order: `'_' > 'A'` and
/// `'_' > 'a'`, because `_` sorts after `A`-`Z` and `a` compares as `A`.
enum OrdinalIgnoreCase {
    /// Whether `left` and `right` are equal ignoring case.
    static func equals(_ left: String, _ right: String) -> Bool {
        if left.utf8.elementsEqual(right.utf8) {
            return true
        }
        return compare(left, right) == 0
    }

    /// A negative number, zero or a positive number as `left` sorts before, with or after `right`.
    static func compare(_ left: String, _ right: String) -> Int {
        var leftUnits = FoldedUnits(left)
        var rightUnits = FoldedUnits(right)
        while true {
            switch (leftUnits.next(), rightUnits.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let left?, let right?) where left != right: return left < right ? -1 : 1
            default: continue
            }
        }
    }

    /// Whether `text` starts with `prefix` ignoring case.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        let text = folded(text)
        let prefix = folded(prefix)
        return text.count >= prefix.count && text[..<prefix.count].elementsEqual(prefix)
    }

    /// Whether `text` ends with `suffix` ignoring case.
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let text = folded(text)
        let suffix = folded(suffix)
        return text.count >= suffix.count && text[(text.count - suffix.count)...].elementsEqual(suffix)
    }

    /// Whether `text` contains `part` ignoring case; every text contains the empty string.
    static func contains(_ text: String, _ part: String) -> Bool {
        let text = folded(text)
        let part = folded(part)
        guard !part.isEmpty else { return true }
        guard text.count >= part.count else { return false }
        let first = part[0]
        for start in 0...(text.count - part.count) where text[start] == first {
            if text[start..<(start + part.count)].elementsEqual(part) {
                return true
            }
        }
        return false
    }

    private static func folded(_ text: String) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(text.utf8.count)
        var iterator = FoldedUnits(text)
        while let unit = iterator.next() {
            units.append(unit)
        }
        return units
    }

    /// The UTF-16 code units of a string with every character upper-cased on its own.
    private struct FoldedUnits: IteratorProtocol {
        private var scalars: String.UnicodeScalarView.Iterator
        private var pending: UInt16?

        init(_ text: String) {
            scalars = text.unicodeScalars.makeIterator()
        }

        mutating func next() -> UInt16? {
            if let unit = pending {
                pending = nil
                return unit
            }
            guard let scalar = scalars.next() else { return nil }
            let upper = Self.upper(scalar)
            if upper.value <= 0xFFFF {
                return UInt16(upper.value)
            }
            pending = UTF16.trailSurrogate(upper)
            return UTF16.leadSurrogate(upper)
        }

        private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
            if scalar.isASCII {
                let value = scalar.value
                return value >= 0x61 && value <= 0x7A ? Unicode.Scalar(UInt8(value - 0x20)) : scalar
            }
            // Swift exposes the full mapping; where it is one scalar it is the simple mapping .NET uses.
            let mapping = scalar.properties.uppercaseMapping.unicodeScalars
            guard mapping.count == 1, let only = mapping.first else { return scalar }
            return only
        }
    }
}
