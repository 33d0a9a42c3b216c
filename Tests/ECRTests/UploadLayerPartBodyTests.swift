import AWSCore
import Foundation
import HTTPServer
import TestSupport
import Testing

@testable import ECR

/// UploadLayerPart through ECR's operation table: the one operation whose body may pass the
/// JSON 1.1 limit, decoded by the same codec (and refused with the same messages) as the rest.
@Suite("UploadLayerPart: body limit and decode errors")
struct UploadLayerPartBodyTests {
    func handle(_ world: ECRWorld, _ operation: String, _ body: [UInt8]) throws -> HTTPResponse {
        let http = HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders(), body: .bytes(body))
        return try world.backend.routes().handle(
            AWSRequest(
                http: http, body: http.body, parameters: QueryItems(parsing: ""), context: world.context(operation)))
    }

    func serializationMessage(_ body: () throws -> HTTPResponse) -> String? {
        let error = awsError { _ = try body() }
        #expect(error?.code == "SerializationException")
        return error?.message
    }

    @Test("a part past the 1 MiB of other operations is taken; past the operation's own limit it is refused")
    func bodyLimit() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let id = try world.backend.initiateLayerUpload(
            InitiateLayerUploadRequest(repositoryName: "web/app"), context: world.context("InitiateLayerUpload")
        ).uploadId
        let part = Data(repeating: 7, count: 2 << 20)
        let body =
            Array(
                #"{"repositoryName":"web/app","uploadId":"\#(id)","partFirstByte":0,"partLastByte":\#(part.count - 1),"#
                    .utf8)
            + Array(#""layerPartBlob":"\#(part.base64EncodedString())"}"#.utf8)
        let response = try handle(world, "UploadLayerPart", body)
        #expect(response.status == 200)
        #expect(serializationMessage { try handle(world, "DescribeRepositories", body) } == "Request body too large.")
        let huge = [UInt8](repeating: 0x20, count: ECRBackend.maxUploadLayerPartBodyBytes + 1)
        #expect(serializationMessage { try handle(world, "UploadLayerPart", huge) } == "Request body too large.")
    }

    @Test("a body that does not decode gets the message any JSON 1.1 operation gives")
    func decodeErrors() throws {
        let world = try ECRWorld()
        for body in ["this is not json", #"{"repositoryName":5}"#, "{}"] {
            let part = serializationMessage { try handle(world, "UploadLayerPart", Array(body.utf8)) }
            let other = serializationMessage { try handle(world, "CompleteLayerUpload", Array(body.utf8)) }
            #expect(part != nil && part == other, "\(body)")
        }
    }
}
