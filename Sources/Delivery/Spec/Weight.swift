/// A share of traffic in tenths of a percent (permille): specs write `12.5`, actions carry `125`.
public struct Weight: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Tenths of a percent, 0 through 1000.
    public var permille: Int

    /// A weight of `permille` tenths of a percent.
    public init(permille: Int) {
        self.permille = permille
    }

    /// A weight of `percent` percent, rounded to a tenth.
    public init(percent: Double) {
        self.permille = Int((percent * 10).rounded())
    }

    /// No traffic.
    public static let zero = Weight(permille: 0)
    /// All traffic.
    public static let full = Weight(permille: 1000)

    /// The weight as a percentage, such as `12.5`.
    public var percent: Double { Double(permille) / 10 }

    /// `12.5%` or `10%`.
    public var description: String {
        permille % 10 == 0 ? "\(permille / 10)%" : "\(permille / 10).\(permille % 10)%"
    }

    /// Parses `0` to `100` with at most one decimal; nil with a reason otherwise.
    static func parse(_ text: String) -> Result<Weight, WeightError> {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) && !parts[1].isEmpty,
            let wholeValue = Int(whole), wholeValue <= 1000
        else { return .failure(.notANumber) }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > 1, fraction.dropFirst().contains(where: { $0 != "0" }) { return .failure(.tooPrecise) }
        let permille = wholeValue * 10 + (fraction.first.flatMap { Int(String($0)) } ?? 0)
        guard permille <= 1000 else { return .failure(.outOfRange) }
        return .success(Weight(permille: permille))
    }

    /// Less traffic first.
    public static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.permille < rhs.permille }

    /// Why a weight did not parse.
    enum WeightError: Error {
        case notANumber, tooPrecise, outOfRange
    }
}
