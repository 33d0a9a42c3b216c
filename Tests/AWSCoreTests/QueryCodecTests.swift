import Foundation
import HTTPServer
import Testing

@testable import AWSCore

/// The query protocol's shapes: parameters flattened as botocore's query serializer writes
/// them, results written as its query parser reads them.
@Suite struct QueryCodecTests {
    struct Tag: Decodable, Equatable {
        var Key: String?
        var Value: String?
    }

    struct Input: Decodable {
        var UserName: String?
        var MaxItems: Int?
        var OnlyAttached: Bool?
        var TagKeys: [String]?
        var Tags: [Tag]?
        var Attributes: [String: String]?
    }

    func decode(_ pairs: [(String, String)]) throws -> Input {
        try QueryDecoding.decode(Input.self, from: QueryItems(pairs.map { (name: $0.0, value: $0.1) }))
    }

    @Test func scalarsListsStructuresAndMapsDecode() throws {
        let input = try decode([
            ("Action", "CreateUser"), ("UserName", "bob"), ("MaxItems", "10"), ("OnlyAttached", "True"),
            ("TagKeys.member.2", "b"), ("TagKeys.member.1", "a"), ("TagKeys.member.3.x", "skipped"),
            ("Tags.member.1.Key", "team"),
            ("Tags.member.1.Value", "blue"), ("Tags.member.2.Key", "cost"), ("Attributes.entry.1.key", "k"),
            ("Attributes.entry.1.value", "v"),
        ])
        #expect(input.UserName == "bob")
        #expect(input.MaxItems == 10)
        #expect(input.OnlyAttached == true)
        #expect(input.TagKeys == ["a", "b"])
        #expect(input.Tags == [Tag(Key: "team", Value: "blue"), Tag(Key: "cost", Value: nil)])
        #expect(input.Attributes == ["k": "v"])
    }

    @Test func absentMembersAreNilAndAnEmptyListIsEmpty() throws {
        let input = try decode([("Tags", "")])
        #expect(input.UserName == nil && input.MaxItems == nil && input.TagKeys == nil)
        #expect(input.Tags == [])
    }

    @Test func aNumberThatDoesNotParseIsAValidationError() {
        #expect(throws: QueryNumberError(value: "ten", member: "maxItems")) { try decode([("MaxItems", "ten")]) }
        let error = QueryNumberError(value: "ten", member: "maxItems").awsError
        #expect(error.code == "ValidationError" && error.status == 400)
        #expect(
            error.message
                == "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: "
                + "Member must be a number"
        )
    }

    struct Item: Encodable {
        var Name: String
        var Note: String?
    }

    struct Empty: Encodable {}

    struct Output: Encodable {
        var Items: [Item]
        var Names: [String]
        var Nothing: [String]
        var Inner: Empty
        var IsTruncated: Bool
        var Count: Int
        var Marker: String?
        var CreateDate: Date
    }

    @Test func outputsEncodeInDeclarationOrder() throws {
        let output = Output(
            Items: [Item(Name: "a&b", Note: nil), Item(Name: "c", Note: "")], Names: ["x"], Nothing: [],
            Inner: Empty(), IsTruncated: false, Count: 3, Marker: nil, CreateDate: Date(timeIntervalSince1970: 0))
        var text = ""
        for element in try QueryEncoding.encode(output) { element.render(into: &text) }
        #expect(
            text
                == "<Items><member><Name>a&amp;b</Name></member><member><Name>c</Name><Note></Note></member></Items>"
                + "<Names><member>x</member></Names><Nothing/><Inner/><IsTruncated>false</IsTruncated>"
                + "<Count>3</Count><CreateDate>1970-01-01T00:00:00Z</CreateDate>")
    }

    @Test func requestFactsComeFromTheRequest() {
        let v4 = HTTPRequest(
            method: "GET", target: "/", headers: HTTPHeaders([("User-Agent", "aws-cli/2"), ("Referer", "x")]),
            remoteAddress: "127.0.0.1:50000")
        #expect(
            RequestFacts(v4)
                == RequestFacts(sourceIP: "127.0.0.1", secureTransport: false, userAgent: "aws-cli/2", referer: "x"))
        let v6 = HTTPRequest(method: "GET", target: "/", remoteAddress: "[::1]:50000")
        #expect(RequestFacts(v6) == RequestFacts(sourceIP: "::1"))
        #expect(RequestFacts(HTTPRequest(method: "GET", target: "/")).sourceIP == nil)
    }
}
