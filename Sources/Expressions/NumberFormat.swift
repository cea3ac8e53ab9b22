#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints numbers the way GitHub does: .NET's `G15` format with the invariant culture.
///
/// Up to 15 significant digits, no trailing zeros, fixed notation for exponents from -5 to 14 and scientific
/// notation (`1E+15`, `1.5E-05`) outside, `-0` for negative zero, `Infinity`, `-Infinity` and `NaN`.
enum NumberFormat {
    /// `value` as GitHub prints it in a string or in `toJSON`.
    static func string(from value: Double) -> String {
        if value.isNaN {
            return "NaN"
        }
        if value.isInfinite {
            return value < 0 ? "-Infinity" : "Infinity"
        }
        if value == 0 {
            return value.sign == .minus ? "-0" : "0"
        }
        // Integers below 10^15 print every digit and need no rounding: the common case, without C formatting.
        if value.magnitude < 1e15, value.rounded(.towardZero) == value {
            return String(Int64(value))
        }
        return general15(value)
    }

    /// C's `%.15G` rounds and switches notation at the same points as .NET's `G15` and writes the exponent
    /// with a sign and at least two digits, as .NET does.
    private static func general15(_ value: Double) -> String {
        let capacity = 32
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let count = withVaList([value]) { arguments in
                vsnprintf(buffer.baseAddress, capacity, "%.15G", arguments)
            }
            let length = max(0, min(Int(count), capacity - 1))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length), as: UTF8.self)
        }
    }
}
