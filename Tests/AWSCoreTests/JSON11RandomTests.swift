import Foundation
import Testing

@testable import AWSCore

/// Seeded, so a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("JSON 1.1 codec against Foundation on generated input")
struct JSON11RandomTests {
    /// Any JSON, to compare decoding without a schema.
    indirect enum Anything: Decodable, Equatable {
        case null, bool(Bool), number(Double), string(String), array([Anything]), object([String: Anything])

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [Anything] = []
                while !array.isAtEnd { items.append(try array.decode(Anything.self)) }
                self = .array(items)
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [String: Anything] = [:]
                // In name order: `allKeys` comes from a Dictionary whose order can differ between two
                // decodes in one process, and with two bad members it picks which error is thrown.
                for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                    members[key.stringValue] = try object.decode(Anything.self, forKey: key)
                }
                self = .object(members)
            } else {
                let value = try decoder.singleValueContainer()
                if value.decodeNil() {
                    self = .null
                } else if let bool = try? value.decode(Bool.self) {
                    self = .bool(bool)
                } else if let number = try? value.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .string(try value.decode(String.self))
                }
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    struct Shape: Decodable, Equatable {
        var Name: String
        var Value: String?
        var Version: Int64?
        var Limit: Int?
        var At: Date?
        var Tags: [String: String]?
        var Ids: [[String: String]]?
        var Flag: Bool?
    }

    static let seeds = [
        #"{"Name":"/a/b","Value":"v\n\u00e9","Version":3,"Limit":10,"At":1764438000.25,"Tags":{"k":"v","k2":""},"Ids":[{"imageTag":"latest"}],"Flag":true}"#,
        #"[1,-2.5e3,"x",null,true,{"a":[{}],"b":{"c":[]}}]"#,
        #"{"Name":"\ud83d\ude00","Tags":{"a":"1","a":"2"},"Ids":[]}"#,
    ]

    static let alphabet =
        Array(#"{}[]":,.-+eE0123456789 \/"ntrufalsbu\"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xED, 0xA0, 0xFF]

    @Test("mutated bodies decode or fail exactly as with JSONDecoder")
    func mutatedBodies() {
        var random = SplitMix64(state: 0x5EED)
        for round in 0..<3000 {
            var body = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0...body.count, using: &random)
                let byte = Self.alphabet.randomElement(using: &random)!
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < body.count: body[position] = byte
                case 1 where position < body.count: body.remove(at: position)
                default: body.insert(byte, at: position)
                }
            }
            let text = String(decoding: body, as: UTF8.self)
            #expect(
                JSON11DecoderTests.codec(Shape.self, body) == JSON11DecoderTests.foundation(Shape.self, body),
                "\(text)")
            #expect(
                JSON11DecoderTests.codec(Anything.self, body) == JSON11DecoderTests.foundation(Anything.self, body),
                "\(text)")
        }
    }

    struct Row: Encodable {
        var text: String
        var number: Double
        var date: Date
        var small: Float
        var map: [String: Int]
    }

    @Test("random strings, doubles and keys encode to Foundation's bytes")
    func randomValues() throws {
        var random = SplitMix64(state: 0xC0DE)
        for _ in 0..<2000 {
            let scalars = (0..<Int.random(in: 0..<12, using: &random)).map { _ -> Character in
                let pick = Int.random(in: 0..<4, using: &random)
                let value: UInt32 =
                    pick == 0
                    ? UInt32.random(in: 0..<0x80, using: &random)
                    : pick == 1
                        ? UInt32.random(in: 0x80..<0x800, using: &random)
                        : pick == 2
                            ? UInt32.random(in: 0x2000..<0x2100, using: &random)
                            : UInt32.random(in: 0x1F600..<0x1F650, using: &random)
                return Character(Unicode.Scalar(value)!)
            }
            let text = String(scalars)
            var number = Double(bitPattern: random.next())
            if !number.isFinite { number = Double(Int64(bitPattern: random.next())) / 1e6 }
            let seconds =
                Double(Int.random(in: 0..<2_000_000_000, using: &random)) + Double.random(in: 0..<1, using: &random)
            var small = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
            if !small.isFinite { small = 0.5 }
            var map: [String: Int] = ["k\(random.next() % 100)": 3]
            map[text] = 1
            map[String(text.reversed())] = 2
            let row = Row(
                text: text, number: number, date: Date(timeIntervalSince1970: seconds), small: small, map: map)
            try JSON11EncoderTests.expectSame(row)
        }
    }
}
