import AWSCore
import Foundation
import Registry
import TestSupport
import Testing

@testable import ECR

@Suite("Layers: uploads, availability, download URLs")
struct LayerTests {
    func upload(_ world: ECRWorld, _ bytes: [UInt8], parts: Int = 2) throws -> String {
        let id = try world.backend.initiateLayerUpload(
            InitiateLayerUploadRequest(repositoryName: "web/app"), context: world.context("InitiateLayerUpload")
        ).uploadId
        let size = bytes.count / parts
        var first = 0
        for index in 0..<parts {
            let end = index == parts - 1 ? bytes.count : first + size
            let reply = try world.backend.uploadLayerPart(
                UploadLayerPartRequest(
                    repositoryName: "web/app", uploadId: id, partFirstByte: Int64(first), partLastByte: Int64(end - 1),
                    layerPartBlob: Data(bytes[first..<end])),
                context: world.context("UploadLayerPart"))
            #expect(reply.lastByteReceived == Int64(end - 1))
            first = end
        }
        return id
    }

    @Test("a layer uploaded in parts is linked after its digest checks out")
    func uploadInParts() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let bytes = Array("ebauth layer bytes, uploaded in two parts".utf8)
        let digest = ContentDigest.sha256(bytes)
        let id = try upload(world, bytes)
        #expect(id.count == 36)
        let done = try world.backend.completeLayerUpload(
            CompleteLayerUploadRequest(repositoryName: "web/app", uploadId: id, layerDigests: [digest]),
            context: world.context("CompleteLayerUpload"))
        #expect(done.layerDigest == digest)
        let checked = try world.backend.batchCheckLayerAvailability(
            BatchCheckLayerAvailabilityRequest(
                repositoryName: "web/app",
                layerDigests: [digest, "sha256:" + String(repeating: "0", count: 64), "md5:zz"]),
            context: world.context("BatchCheckLayerAvailability"))
        #expect(checked.layers.map(\.layerAvailability) == ["AVAILABLE", "UNAVAILABLE"])
        #expect(checked.layers[0].layerSize == Int64(bytes.count))
        #expect(checked.failures.map(\.failureCode) == ["InvalidLayerDigest"])
        // Not yet named by an image: not downloadable.
        let inaccessible = awsError {
            _ = try world.backend.getDownloadUrlForLayer(
                GetDownloadUrlForLayerRequest(repositoryName: "web/app", layerDigest: digest),
                context: world.context("GetDownloadUrlForLayer"))
        }
        #expect(inaccessible?.code == "LayerInaccessibleException")
        let again = try upload(world, bytes)
        let exists = awsError {
            _ = try world.backend.completeLayerUpload(
                CompleteLayerUploadRequest(repositoryName: "web/app", uploadId: again, layerDigests: [digest]),
                context: world.context("CompleteLayerUpload"))
        }
        #expect(exists?.code == "LayerAlreadyExistsException")
    }

    @Test("parts out of order, wrong digests, empty and unknown uploads are refused")
    func refusals() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let id = try world.backend.initiateLayerUpload(
            InitiateLayerUploadRequest(repositoryName: "web/app"), context: world.context("InitiateLayerUpload")
        ).uploadId
        let empty = awsError {
            _ = try world.backend.completeLayerUpload(
                CompleteLayerUploadRequest(
                    repositoryName: "web/app", uploadId: id, layerDigests: [ContentDigest.sha256([])]),
                context: world.context("CompleteLayerUpload"))
        }
        #expect(empty?.code == "EmptyUploadException")
        let gap = awsError {
            _ = try world.backend.uploadLayerPart(
                UploadLayerPartRequest(
                    repositoryName: "web/app", uploadId: id, partFirstByte: 5, partLastByte: 9,
                    layerPartBlob: Data(repeating: 1, count: 5)),
                context: world.context("UploadLayerPart"))
        }
        #expect(gap?.code == "InvalidLayerPartException")
        _ = try world.backend.uploadLayerPart(
            UploadLayerPartRequest(
                repositoryName: "web/app", uploadId: id, partFirstByte: 0, partLastByte: 4,
                layerPartBlob: Data(repeating: 1, count: 5)),
            context: world.context("UploadLayerPart"))
        let wrong = awsError {
            _ = try world.backend.completeLayerUpload(
                CompleteLayerUploadRequest(
                    repositoryName: "web/app", uploadId: id, layerDigests: [ContentDigest.sha256([2])]),
                context: world.context("CompleteLayerUpload"))
        }
        #expect(wrong?.code == "InvalidLayerException")
        let unknown = awsError {
            _ = try world.backend.uploadLayerPart(
                UploadLayerPartRequest(
                    repositoryName: "web/app", uploadId: UUID().uuidString.lowercased(), partFirstByte: 0,
                    partLastByte: 0, layerPartBlob: Data([1])),
                context: world.context("UploadLayerPart"))
        }
        #expect(unknown?.code == "UploadNotFoundException")
    }

    @Test("a download URL serves the layer without credentials for an hour, then is refused as S3 would")
    func downloadURL() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let image = TestImage(seed: "download")
        #expect(try world.push(image, to: "web/app", tag: "v1", password: try world.password()).status == 201)
        let layer = image.layers[0]
        let url = try world.backend.getDownloadUrlForLayer(
            GetDownloadUrlForLayerRequest(repositoryName: "web/app", layerDigest: layer.digest),
            context: world.context("GetDownloadUrlForLayer")
        ).downloadUrl
        #expect(
            url.hasPrefix("http://127.0.0.1:\(world.port)/_ebauth/ecr/layers/000000000000/us-east-1/\(layer.digest)?"))
        let path = String(url.dropFirst("http://127.0.0.1:\(world.port)".count))
        let fetched = try world.send("GET", path)
        #expect(fetched.status == 200)
        #expect(fetched.body == layer.bytes)
        let ranged = try world.send("GET", path, headers: [("Range", "bytes=0-9")])
        #expect(ranged.status == 206 && ranged.body == Array(layer.bytes[0..<10]))
        let tampered = try world.send(
            "GET", path.replacingOccurrences(of: "repository=web/app", with: "repository=web/other"))
        #expect(tampered.status == 403 && tampered.text.contains("<Code>SignatureDoesNotMatch</Code>"))
        world.clock.advance(3601)
        let expired = try world.send("GET", path)
        #expect(expired.status == 403)
        #expect(expired.text.contains("<Message>Request has expired</Message>"))
        // The registry's redirect for a blob GET is such a URL, relative to the host asked.
        let redirect = try world.send(
            "GET", "/v2/web/app/blobs/\(layer.digest)", headers: [world.basic(try world.password())])
        #expect(redirect.status == 307)
        #expect(redirect.header("Location")?.hasPrefix("/_ebauth/ecr/layers/000000000000/us-east-1/") == true)
        #expect(try world.send("GET", redirect.header("Location")!).body == layer.bytes)
    }
}
