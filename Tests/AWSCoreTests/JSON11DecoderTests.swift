import Foundation
import Testing

@testable import AWSCore

/// JSON 1.1 request bodies must decode, or fail with the same SerializationException message, exactly
/// as they did with `JSONDecoder`.
@Suite("JSON 1.1 decoder: the same values and errors as JSONDecoder")
struct JSON11DecoderTests {
    enum Outcome<T: Equatable>: Equatable {
        case value(T)
        case error(String)
    }

    /// What the codec gave before the fast decoder: Foundation's value, or its error described.
    static func foundation<T: Decodable & Equatable>(_ type: T.Type, _ body: [UInt8]) -> Outcome<T> {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return .value(try decoder.decode(type, from: Data(body.isEmpty ? Array("{}".utf8) : body)))
        } catch let error as DecodingError {
            return .error(JSON11.describe(error))
        } catch {
            return .error("Malformed JSON in request body.")
        }
    }

    static func codec<T: Decodable & Equatable>(_ type: T.Type, _ body: [UInt8]) -> Outcome<T> {
        do {
            return .value(try JSON11.decode(type, from: body))
        } catch let error as AWSError {
            #expect(error.code == "SerializationException")
            return .error(error.message)
        } catch {
            return .error("unexpected \(error)")
        }
    }

    /// Same outcome as Foundation; `fast` says whether the fast path must have decoded it alone.
    static func expectSame<T: Decodable & Equatable>(
        _ type: T.Type, _ body: String, fast: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectSame(type, Array(body.utf8), fast: fast, sourceLocation: sourceLocation)
    }

    static func expectSame<T: Decodable & Equatable>(
        _ type: T.Type, _ body: [UInt8], fast: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = foundation(type, body)
        #expect(codec(type, body) == expected, sourceLocation: sourceLocation)
        let direct = JSON11Decoder.decode(type, from: body.isEmpty ? Array("{}".utf8) : body)
        if fast {
            #expect(direct.map { Outcome.value($0) } == expected, sourceLocation: sourceLocation)
        } else {
            #expect(direct == nil, "the fast path should have left this to Foundation", sourceLocation: sourceLocation)
        }
    }

    struct GetParameterRequest: Decodable, Equatable {
        var Name: String
        var WithDecryption: Bool?
    }
    struct Tag: Decodable, Equatable { var Key: String; var Value: String }
    struct PutParameterRequest: Decodable, Equatable {
        var Name: String
        var Value: String
        var `Type`: String?
        var Overwrite: Bool?
        var Tags: [Tag]?
        var Version: Int64?
        var Limit: Int?
        var Small: Int8?
        var Unsigned: UInt32?
    }
    struct Timed: Decodable, Equatable {
        var At: Date?
        var Ratio: Double?
        var Blob: Data?
    }
    struct Maps: Decodable, Equatable {
        var Labels: [String: String]?
        var Nested: [String: [String: [Int]]]?
        var Numbers: [Int: String]?
        var Matrix: [[String?]]?
    }
    struct Empty: Decodable, Equatable {}
    struct GetAuthorizationTokenRequest: Decodable, Equatable { var registryIds: [String]? }
    enum Tier: String, Decodable, Equatable { case Standard, Advanced }
    struct WithEnum: Decodable, Equatable { var Tier: Tier? }

    @Test("request bodies as clients send them are decoded without Foundation")
    func validBodies() {
        Self.expectSame(GetParameterRequest.self, #"{"Name":"/bench/p"}"#, fast: true)
        Self.expectSame(
            GetParameterRequest.self, " \n\t{ \"Name\" : \"/a\" , \"WithDecryption\" : true }\r\n", fast: true)
        Self.expectSame(
            GetParameterRequest.self, #"{"Name":"x","WithDecryption":null,"Unknown":[1,{"a":[]}]}"#, fast: true)
        Self.expectSame(
            PutParameterRequest.self,
            #"{"Name":"/p","Value":"v","Type":"String","Overwrite":false,"Tags":[{"Key":"k","Value":"v"}],"Version":9223372036854775807,"Limit":-9223372036854775808,"Small":-128,"Unsigned":4294967295}"#,
            fast: true)
        Self.expectSame(GetAuthorizationTokenRequest.self, "{}", fast: true)
        Self.expectSame(GetAuthorizationTokenRequest.self, "", fast: true)
        Self.expectSame(GetAuthorizationTokenRequest.self, #"{"registryIds":["000000000000"]}"#, fast: true)
        Self.expectSame(Empty.self, #"{"anything":1}"#, fast: true)
        Self.expectSame(WithEnum.self, #"{"Tier":"Advanced"}"#, fast: true)
        Self.expectSame(
            Maps.self,
            #"{"Labels":{"b":"2","a":"1"},"Nested":{"x":{"y":[1,2]}},"Numbers":{"1":"one","-2":"two"},"Matrix":[["a",null],[]]}"#,
            fast: true)
        // Duplicate keys: the first wins in a shape; a dictionary with one is left to Foundation.
        Self.expectSame(GetParameterRequest.self, #"{"Name":"first","Name":"second"}"#, fast: true)
        Self.expectSame(Maps.self, #"{"Labels":{"a":"first","a":"second"}}"#, fast: false)
        Self.expectSame(Maps.self, #"{"Labels":{"\u00e9":"composed","e\u0301":"decomposed"}}"#, fast: false)
    }

    @Test("strings: escapes, surrogate pairs and non-ASCII text")
    func strings() {
        for body in [
            #"{"Name":"\"\\\/\b\f\n\r\t"}"#, #"{"Name":"\u0000\u001f\u00e9\u2028\uFFFF"}"#,
            #"{"Name":"\ud83d\ude00 and \uD83D\uDE00"}"#, #"{"Name":"é 日本語 😀"}"#, #"{"Name":"a/b"}"#,
            #"{"N\u0061me":"escaped key"}"#,
        ] {
            Self.expectSame(GetParameterRequest.self, body, fast: true)
        }
    }

    @Test("numbers into Double and Date, including epoch fractions")
    func numbers() {
        for number in [
            "0", "-0", "1", "-1.5", "0.1", "1e3", "1E-7", "1.5e+300", "1764438000.123456", "1764438000",
            "123456789012345678901234567890", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
        ] {
            Self.expectSame(Timed.self, #"{"At":\#(number),"Ratio":\#(number)}"#, fast: true)
        }
        Self.expectSame(Timed.self, #"{"Blob":"AAEC+v8="}"#, fast: true)
        Self.expectSame(Timed.self, #"{"Blob":""}"#, fast: true)
    }

    @Test("wrong types, missing members and out-of-range numbers fail as with JSONDecoder")
    func shapeErrors() {
        Self.expectSame(GetParameterRequest.self, #"{"Name":1}"#, fast: false)
        Self.expectSame(GetParameterRequest.self, #"{"Name":null}"#, fast: false)
        Self.expectSame(GetParameterRequest.self, #"{"WithDecryption":true}"#, fast: false)
        Self.expectSame(GetParameterRequest.self, #"{"Name":"x","WithDecryption":"yes"}"#, fast: false)
        Self.expectSame(GetParameterRequest.self, "[]", fast: false)
        Self.expectSame(GetParameterRequest.self, "null", fast: false)
        Self.expectSame(GetParameterRequest.self, "\"Name\"", fast: false)
        Self.expectSame(PutParameterRequest.self, #"{"Name":"p","Value":"v","Tags":[{"Key":"k"}]}"#, fast: false)
        Self.expectSame(
            PutParameterRequest.self, #"{"Name":"p","Value":"v","Tags":[{"Key":"k","Value":2}]}"#, fast: false)
        Self.expectSame(PutParameterRequest.self, #"{"Name":"p","Value":"v","Tags":{}}"#, fast: false)
        for number in [
            "9223372036854775808", "-9223372036854775809", "1.0", "1e2", "-0", "1.5", "99999999999999999999999",
        ] {
            Self.expectSame(PutParameterRequest.self, #"{"Name":"p","Value":"v","Version":\#(number)}"#, fast: false)
        }
        Self.expectSame(PutParameterRequest.self, #"{"Name":"p","Value":"v","Small":128}"#, fast: false)
        Self.expectSame(PutParameterRequest.self, #"{"Name":"p","Value":"v","Unsigned":-1}"#, fast: false)
        Self.expectSame(Timed.self, #"{"Ratio":1e400}"#, fast: false)
        Self.expectSame(Timed.self, #"{"Ratio":1e-400}"#, fast: false)
        Self.expectSame(Timed.self, #"{"At":"2024-01-01"}"#, fast: false)
        Self.expectSame(Timed.self, #"{"Blob":"not base64!"}"#, fast: false)
        Self.expectSame(WithEnum.self, #"{"Tier":"Gold"}"#, fast: false)
        // A later duplicate Foundation still decodes, and fails on.
        Self.expectSame(Maps.self, #"{"Labels":{"a":"x","a":1}}"#, fast: false)
        Self.expectSame(Maps.self, #"{"Matrix":[["a"],[1]]}"#, fast: false)
    }

    @Test("malformed or unusual text is Foundation's to accept or refuse")
    func malformed() {
        for body in [
            "{", "}", "{\"Name\":\"x\"", "{\"Name\":\"x\",}", "{\"Name\":\"x\"} x", "{'Name':'x'}", "{Name:\"x\"}",
            "{\"Name\":\"x\"}/* c */", "{\"Name\":\"a\tb\"}", "{\"Name\":\"\\x\"}", "{\"Name\":\"\\u12\"}",
            "{\"Name\":\"\\ud800\"}", "{\"Name\":\"\\udc00\"}", "{\"Name\":\"\\ud800\\u0041\"}", "{\"Name\":01}",
            "{\"Name\":NaN}", "{\"Name\":+1}", "{\"Name\":.5}", "{\"Name\":1.}", "{\"Name\":tru}", "   ",
            "\u{FEFF}{\"Name\":\"x\"}",
        ] {
            Self.expectSame(GetParameterRequest.self, body, fast: false)
        }
        for bytes: [UInt8] in [
            [0x7B, 0x22, 0x4E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],  // invalid UTF-8 in a value
            [0x7B, 0x22, 0x4E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D],  // truncated sequence
            [0x7B, 0x22, 0x4E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D],  // encoded surrogate
            [0xEF, 0xBB, 0xBF] + Array(#"{"Name":"bom"}"#.utf8),
            [0xFF, 0xFE] + Array(#"{"Name":"x"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        ] {
            Self.expectSame(GetParameterRequest.self, bytes, fast: false)
        }
    }

    indirect enum Nest: Decodable, Equatable {
        case leaf
        case list([Nest])
        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            if container.isAtEnd {
                self = .leaf
                return
            }
            var items: [Nest] = []
            while !container.isAtEnd { items.append(try container.decode(Nest.self)) }
            self = .list(items)
        }
    }

    @Test("deep nesting returns an error or a value, never exhausts the stack")
    func deepNesting() {
        for depth in [10, 127, 128, 129, 300, 600] {
            let body = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            Self.expectSame(Nest.self, body, fast: depth <= 128)
        }
        let hostile = String(repeating: "[", count: 100_000)
        Self.expectSame(GetParameterRequest.self, hostile, fast: false)
        let nestedObjects = String(repeating: #"{"a":"#, count: 5_000) + "1" + String(repeating: "}", count: 5_000)
        Self.expectSame(GetParameterRequest.self, nestedObjects, fast: false)
    }
}
