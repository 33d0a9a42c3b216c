import Foundation
import Testing

@testable import AWSCore

/// JSON 1.1 responses must be byte for byte what `JSONEncoder` wrote before the fast encoder.
@Suite("JSON 1.1 encoder: the same bytes as JSONEncoder")
struct JSON11EncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// The fast path took it (no fallback) and wrote Foundation's bytes.
    static func expectSame<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try foundation(value)
        let fast = JSON11Encoder.encode(value)
        #expect(fast != nil, "fell back to Foundation", sourceLocation: sourceLocation)
        #expect(
            fast.map { String(decoding: $0, as: UTF8.self) } == String(decoding: expected, as: UTF8.self),
            sourceLocation: sourceLocation)
        #expect(try JSON11.encode(value) == expected, sourceLocation: sourceLocation)
    }

    // Mirrors of the SSM and ECR response shapes (theirs are internal to their modules).
    struct Parameter: Encodable {
        var Name: String
        var `Type`: String
        var Value: String
        var Version: Int64
        var Selector: String?
        var SourceResult: String?
        var LastModifiedDate: Date
        var ARN: String
        var DataType: String
    }
    struct GetParameterResult: Encodable { var Parameter: Parameter }
    struct GetParametersResult: Encodable {
        var Parameters: [Parameter]
        var InvalidParameters: [String]
    }
    struct Policy: Encodable { var PolicyText: String?; var PolicyType: String?; var PolicyStatus: String? }
    struct ParameterHistory: Encodable {
        var Name: String
        var KeyId: String?
        var LastModifiedDate: Date
        var Labels: [String]
        var Policies: [Policy]
        var Version: Int64
    }
    struct AuthorizationData: Encodable {
        var authorizationToken: String
        var expiresAt: Date
        var proxyEndpoint: String
    }
    struct GetAuthorizationTokenResponse: Encodable { var authorizationData: [AuthorizationData] }
    struct ImageDetail: Encodable {
        var registryId: String
        var imageTags: [String]?
        var imageSizeInBytes: Int64
        var imagePushedAt: Date
        var artifactMediaType: String?
        var lastRecordedPullTime: Date?
    }
    struct LayerPart: Encodable {
        var uploadId: String
        var lastByteReceived: Int
        var registryId: String
    }
    struct Everything: Encodable {
        var bool = true
        var off = false
        var int = Int.min
        var int8 = Int8.min
        var int16 = Int16.max
        var int32 = Int32.min
        var int64 = Int64.max
        var uint = UInt.max
        var uint8 = UInt8.max
        var uint16 = UInt16.max
        var uint32 = UInt32.max
        var uint64 = UInt64.max
        var float: Float = 0.1
        var double = 0.1
        var data = Data([0, 1, 2, 250, 251, 252, 253, 254, 255])
        var none: String? = nil
        var tags = ["b": "2", "a": "1", "B": "3", "a10": "x", "a9": "y", "_": "z", "é": "u", "": "empty", "Ω": "w"]
        var nested = ["outer": ["inner": [1, 2, 3]], "again": [:]]
        var matrix: [[Double]] = [[], [0], [1.5, -2.25]]
        var optionals: [Int?] = [1, nil, 3]
    }
    /// `encodeNil` written explicitly, as a shape may do.
    struct ExplicitNull: Encodable {
        enum CodingKeys: String, CodingKey { case Name, Next }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("n", forKey: .Name)
            try container.encodeNil(forKey: .Next)
        }
    }

    static let epoch = Date(timeIntervalSince1970: 1_764_438_000.123456)

    static func parameter(_ name: String, _ value: String, date: Date = epoch) -> Parameter {
        Parameter(
            Name: name, Type: "SecureString", Value: value, Version: 3, Selector: nil, SourceResult: nil,
            LastModifiedDate: date, ARN: "arn:aws:ssm:us-east-1:000000000000:parameter\(name)", DataType: "text")
    }

    @Test("SSM and ECR responses")
    func responses() throws {
        try Self.expectSame(GetParameterResult(Parameter: Self.parameter("/bench/p", "v")))
        try Self.expectSame(
            GetParametersResult(
                Parameters: [Self.parameter("/a", "1"), Self.parameter("/b/c", "two words")], InvalidParameters: ["/x"])
        )
        try Self.expectSame(GetParametersResult(Parameters: [], InvalidParameters: []))
        try Self.expectSame(
            ParameterHistory(
                Name: "/h", KeyId: "alias/aws/ssm", LastModifiedDate: Self.epoch, Labels: ["l1", "l2"],
                Policies: [
                    Policy(PolicyText: "{\"Type\":\"Expiration\"}", PolicyType: "Expiration", PolicyStatus: nil)
                ],
                Version: 1))
        try Self.expectSame(
            GetAuthorizationTokenResponse(authorizationData: [
                AuthorizationData(
                    authorizationToken: "QVdTOnNlY3JldA==", expiresAt: Date(timeIntervalSince1970: 1_764_481_200),
                    proxyEndpoint: "https://000000000000.dkr.ecr.us-east-1.amazonaws.com")
            ]))
        try Self.expectSame(
            ImageDetail(
                registryId: "000000000000", imageTags: ["latest", "v1.2"], imageSizeInBytes: 1 << 40,
                imagePushedAt: Date(timeIntervalSinceReferenceDate: 786_131_234.567891),
                artifactMediaType: "application/vnd.oci.image.config.v1+json", lastRecordedPullTime: nil))
        try Self.expectSame(LayerPart(uploadId: "u", lastByteReceived: 0, registryId: "r"))
        try Self.expectSame(Everything())
        try Self.expectSame(ExplicitNull())
    }

    @Test("strings: every ASCII byte, escapes, U+2028, non-ASCII and slashes")
    func strings() throws {
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [
            ascii, "", "/", "a/b//c", "\"quoted\"", "back\\slash", "tab\there", "\u{7F}", "é", "e\u{301}",
            "\u{2028}\u{2029}", "😀 emoji", "日本語", "\u{FEFF}bom", "\0nul",
        ] {
            try Self.expectSame(text)
            try Self.expectSame([text: text])
            try Self.expectSame(GetParameterResult(Parameter: Self.parameter(text, text)))
        }
    }

    @Test("escapes and non-ASCII bytes at every offset of an eight-byte word")
    func escapeOffsets() throws {
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "!", "#", "[", "]", "\u{7F}", "é", "😀"] {
            for offset in 0..<18 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 17 - offset)
                try Self.expectSame([text: text])
            }
        }
    }

    @Test("keys sharing long prefixes, and NUL bytes, sort by their UTF-8 bytes")
    func keyOrder() throws {
        let keys = [
            "LastModifiedDate", "LastModifiedUser", "LastModified", "LastModifiedDat", "abcdefgh", "abcdefgh\u{0}",
            "abcdefg", "abcdefgh1", "abcdefgh0", "ab\u{0}", "ab", "ab\u{0}\u{0}", "", "\u{0}", "Z", "a", "é", "e",
        ]
        let small = Dictionary(uniqueKeysWithValues: keys.prefix(12).enumerated().map { ($1, $0) })
        let large = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        try Self.expectSame(small)
        try Self.expectSame(large)
        #expect(JSON11Encoder.encode(Repeated(keys: ["abcdefgh1", "abcdefgh1"])) == nil)
        #expect(JSON11Encoder.encode(Repeated(keys: keys + ["LastModifiedUser"])) == nil)
    }

    @Test("doubles and dates print as Foundation prints them")
    func numbers() throws {
        let doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, -0.5, 1e-7, 1e21, 1e16, 9_007_199_254_740_992, 123_456_789.123, 1.5e300, 5e-324,
            .greatestFiniteMagnitude, .leastNormalMagnitude, 1_764_438_000.123456, 1_764_438_000, 3.0e-5, 100,
            2.5e15, 1e15, 1e-4, 0.001,
        ]
        for value in doubles {
            try Self.expectSame(value)
            try Self.expectSame(["n": value])
            try Self.expectSame(Date(timeIntervalSince1970: value.magnitude < 1e12 ? value : 0))
        }
        try Self.expectSame([Float(0.1), 1e-7, 3.4e38, -0.0, 16_777_216])
        try Self.expectSame(Date(timeIntervalSinceReferenceDate: 0))
        try Self.expectSame(Date(timeIntervalSinceReferenceDate: 786_131_234.567891))
        try Self.expectSame(Date())
    }

    @Test("integers, bools, data, top-level scalars and nested containers")
    func scalarsAndContainers() throws {
        try Self.expectSame([Int.min, -1, 0, 9, 10, 99, 100, Int.max])
        try Self.expectSame([UInt64.max, 0])
        try Self.expectSame(true)
        try Self.expectSame(42)
        try Self.expectSame([[[String]]]([[["deep"]], [], [[]]]))
        for count in 0..<7 {
            try Self.expectSame(Data((0..<count).map { UInt8($0 * 37 % 256) }))
        }
        let big = Dictionary(uniqueKeysWithValues: (0..<100).map { ("key\($0)", $0) })
        try Self.expectSame(big)
        try Self.expectSame([Int: String](uniqueKeysWithValues: [(10, "a"), (9, "b"), (-1, "c")]))
    }

    struct NotANumber: Encodable { var value: Double }

    @Test("NaN and infinity fail with Foundation's EncodingError")
    func nonConforming() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(JSON11Encoder.encode(NotANumber(value: value)) == nil)
            #expect(throws: EncodingError.self) { try JSON11.encode(NotANumber(value: value)) }
        }
        #expect(throws: EncodingError.self) { try JSON11.encode([Float.nan]) }
    }

    /// Writes one key twice, or two spellings of "é" that a Swift dictionary takes as one key.
    struct Repeated: Encodable {
        var keys: [String]
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (index, key) in keys.enumerated() {
                try container.encode(index, forKey: Key(stringValue: key))
            }
        }
    }
    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }
    struct HoldsNothing: Encodable { var inner = Nothing() }

    @Test("what Foundation treats specially is left to it, with the same result")
    func fallbacks() throws {
        for keys in [["a", "a"], ["b", "a", "b"], ["\u{E9}", "e\u{301}"]] {
            #expect(JSON11Encoder.encode(Repeated(keys: keys)) == nil)
            #expect(try JSON11.encode(Repeated(keys: keys)) == Self.foundation(Repeated(keys: keys)))
        }
        try Self.expectSame(Repeated(keys: ["\u{E9}", "e", "\u{301}"]))
        #expect(JSON11Encoder.encode(Nothing()) == nil)
        #expect(throws: EncodingError.self) { try JSON11.encode(Nothing()) }
        #expect(try JSON11.encode(HoldsNothing()) == Self.foundation(HoldsNothing()))
        let url = URL(string: "https://example.com/a?b=c")!
        #expect(try JSON11.encode(["u": url]) == Self.foundation(["u": url]))
        let decimal = Decimal(string: "12.5")!
        #expect(try JSON11.encode(["d": decimal]) == Self.foundation(["d": decimal]))
    }

    /// Arrays nested deeper than Foundation's writer allows.
    struct Deep: Encodable {
        var depth: Int
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            if depth > 0 { try container.encode(Deep(depth: depth - 1)) }
        }
    }

    @Test("nesting: Foundation's limit is kept, and depth below it is written")
    func nesting() throws {
        try Self.expectSame(Deep(depth: 100))
        #expect(JSON11Encoder.encode(Deep(depth: 600)) == nil)
        #expect(throws: EncodingError.self) { try JSON11.encode(Deep(depth: 600)) }
    }
}
