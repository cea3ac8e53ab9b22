import Expressions
import Testing

@Suite("Value coercion")
struct ValueCoercionTests {
    @Test(
        "stringValue prints values as GitHub does, numbers in .NET's G15 format",
        arguments: [
            (nil, ""),
            (true, "true"),
            (false, "false"),
            (1, "1"),
            (-7, "-7"),
            (1.5, "1.5"),
            (-2.5, "-2.5"),
            (100, "100"),
            (.number(-0.0), "-0"),
            (2_147_483_648, "2147483648"),
            (123_456_789_012_345, "123456789012345"),
            (1e15, "1E+15"),
            (1e21, "1E+21"),
            (1_234_567_890_123_456_789, "1.23456789012346E+18"),
            (.number(0.1 + 0.2), "0.3"),
            (.number(1.0 / 3.0), "0.333333333333333"),
            (123_456_789.123, "123456789.123"),
            (0.0001, "0.0001"),
            (0.00001, "1E-05"),
            (0.000012345, "1.2345E-05"),
            (.number(.infinity), "Infinity"),
            (.number(-.infinity), "-Infinity"),
            (.number(.nan), "NaN"),
            ("text", "text"),
            (["a"], "Array"),
            (["a": 1], "Object"),
        ] as [(Value, String)]
    )
    func stringValue(value: Value, expected: String) {
        #expect(value.stringValue == expected)
    }

    @Test(
        "numberValue reads strings as GitHub does",
        arguments: [
            (nil, 0),
            (true, 1),
            (false, 0),
            (2.5, 2.5),
            ("", 0),
            ("   ", 0),
            (" 12 ", 12),
            ("\u{A0}7\n", 7),
            ("1.5", 1.5),
            ("-1e3", -1000),
            ("+3", 3),
            (".5", 0.5),
            ("5.", 5),
            ("007", 7),
            ("0x1F", 31),
            ("0xffffffff", -1),
            ("0o17", 15),
            ("Infinity", .infinity),
            ("-infinity", -.infinity),
            ("1e400", .infinity),
        ] as [(Value, Double)]
    )
    func numberValue(value: Value, expected: Double) {
        #expect(value.numberValue == expected)
    }

    @Test(
        "numberValue is NaN for text that is no number, and for collections",
        arguments: ([
            "abc", "1,000", "1e", "0XFF", "0x", "0xfg", "0x100000000", "0o8", "0b101", "1 2", "- 1", "NaN", "--1",
            "1_000", "١",
        ] as [Value]) + [[1], [:]]
    )
    func numberValueIsNaN(value: Value) {
        #expect(value.numberValue.isNaN)
    }

    @Test(
        "isTruthy is false only for null, false, 0, NaN and the empty string",
        arguments: [
            (nil, false),
            (false, false),
            (0, false),
            (.number(-0.0), false),
            (.number(.nan), false),
            ("", false),
            (true, true),
            (1, true),
            (-0.5, true),
            (.number(.infinity), true),
            ("false", true),
            ("0", true),
            ([], true),
            ([:], true),
        ] as [(Value, Bool)]
    )
    func isTruthy(value: Value, expected: Bool) {
        #expect(value.isTruthy == expected)
    }

    @Test("literals build the matching cases, and NaN equals itself as a value")
    func literalsAndEquality() {
        let value: Value = ["list": [1, 2.5, "x", true, nil], "empty": [:]]
        #expect(
            value
                == .object([
                    "list": .array([.number(1), .number(2.5), .string("x"), .bool(true), .null]),
                    "empty": .object([:]),
                ])
        )
        #expect(Value.number(.nan) == .number(.nan))
        #expect(Set([Value.number(.nan), .number(.nan), .number(0), .number(-0.0)]).count == 2)
        #expect(Value.string("a") != .string("A"))
    }
}
