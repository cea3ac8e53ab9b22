/// Reads a string as a number the way GitHub coerces strings (`ParseNumber` in actions/runner).
///
/// The text is trimmed of white space; empty text is `0`. Then, in order: a decimal number with optional sign,
/// fraction and exponent (`-1.5e3`, `.5`, `5.`); `Infinity`, `-Infinity` or `NaN` ignoring case;
/// `0x` followed by hexadecimal digits; `0o` followed by octal digits. Hexadecimal and octal values are read
/// as 32-bit two's complement integers (`0xffffffff` is `-1`), and wider ones are not numbers. Anything else
/// is `NaN`.
enum NumberParser {
    /// The number `text` stands for, or `NaN`.
    static func parse(_ text: String) -> Double {
        var utf8 = Substring(text).utf8
        // Fast path for the common all-ASCII, untrimmed case; otherwise trim Unicode white space.
        if let first = utf8.first, let last = utf8.last,
            first >= 0x80 || last >= 0x80 || isSpace(first) || isSpace(last)
        {
            utf8 = Substring(text).trimmingWhiteSpace().utf8
        }
        let bytes = Array(utf8)
        if bytes.isEmpty {
            return 0
        }
        if isDecimal(bytes), let value = Double(String(decoding: bytes, as: UTF8.self)) {
            return value
        }
        if let special = special(bytes) {
            return special
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "x") {
                return integer(bytes.dropFirst(2), radix: 16)
            }
            if bytes[1] == UInt8(ascii: "o") {
                return integer(bytes.dropFirst(2), radix: 8)
            }
        }
        return .nan
    }

    /// `[+-] digits [. digits] [(e|E) [+-] digits]` with at least one mantissa digit, as .NET accepts with
    /// `AllowLeadingSign | AllowDecimalPoint | AllowExponent`.
    private static func isDecimal(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        var mantissaDigits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var exponentDigits = 0
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return false }
        }
        return index == bytes.count
    }

    /// `Infinity` and `NaN` with an optional sign, ignoring ASCII case, as .NET Core reads them.
    private static func special(_ bytes: [UInt8]) -> Double? {
        var body = bytes[...]
        var negative = false
        if let sign = body.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        guard body.count == 3 || body.count == 8 else { return nil }
        let word = String(decoding: body, as: UTF8.self).lowercased()
        if word == "infinity" {
            return negative ? -.infinity : .infinity
        }
        return word == "nan" ? .nan : nil
    }

    /// Digits in `radix` read as an unsigned 32-bit integer reinterpreted as signed; `NaN` if not digits or wider.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: UInt32) -> Double {
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = digitValue(byte), digit < radix else { return .nan }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return .nan }
            value = sum
        }
        return Double(Int32(bitPattern: value))
    }

    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}

extension Substring {
    /// The text without leading and trailing Unicode white space, as .NET's `String.Trim()` removes it.
    func trimmingWhiteSpace() -> Substring {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
            return self[endIndex...]
        }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? start
        return Substring(scalars[start...last])
    }
}
