import Foundation
import TestSupport
import Testing

@testable import Registry

@Suite("Manifests")
struct ManifestTests {
    @Test(
        "GET by tag and by digest returns the bytes with Content-Type, Docker-Content-Digest and ETag",
        arguments: TestApp.Mode.allCases)
    func pull(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage()
            try server.push(image, to: "team/app", tag: "v1")
            for reference in ["v1", image.digest] {
                let response = try server.send("GET", "/v2/team/app/manifests/\(reference)")
                #expect(response.status == 200)
                #expect(response.body == image.manifest)
                #expect(response.header("Content-Type") == MediaType.dockerManifest)
                #expect(response.header("Docker-Content-Digest") == image.digest)
                #expect(response.header("ETag") == "\"\(image.digest)\"")
                #expect(response.isAPIVersioned)
            }
        }
    }

    @Test("HEAD describes the manifest without a body", arguments: TestApp.Mode.allCases)
    func head(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage()
            try server.push(image, to: "app", tag: "v1")
            let response = try server.send("HEAD", "/v2/app/manifests/v1")
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(response.header("Content-Length") == "\(image.manifest.count)")
            #expect(response.header("Docker-Content-Digest") == image.digest)
            #expect(try server.send("HEAD", "/v2/app/manifests/nope").status == 404)
        }
    }

    @Test("If-None-Match with the digest is 304", arguments: TestApp.Mode.allCases)
    func notModified(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage()
            try server.push(image, to: "app", tag: "v1")
            let response = try server.send(
                "GET", "/v2/app/manifests/v1", headers: [("If-None-Match", "\"\(image.digest)\"")])
            #expect(response.status == 304)
            #expect(response.body.isEmpty)
        }
    }

    @Test(
        "PUT answers 201 with Location and Docker-Content-Digest; PUT by digest must match the bytes",
        arguments: TestApp.Mode.allCases)
    func put(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage(format: .oci)
            for blob in image.blobs {
                _ = try server.send("POST", "/v2/app/blobs/uploads/?digest=\(blob.digest)", body: blob.bytes)
            }
            let byDigest = try server.send(
                "PUT", "/v2/app/manifests/\(image.digest)", headers: [("Content-Type", MediaType.ociManifest)],
                body: image.manifest)
            #expect(byDigest.status == 201)
            #expect(byDigest.header("Location") == "/v2/app/manifests/\(image.digest)")
            #expect(byDigest.header("Docker-Content-Digest") == image.digest)
            let other = "sha256:" + String(repeating: "0", count: 64)
            let mismatch = try server.send(
                "PUT", "/v2/app/manifests/\(other)", headers: [("Content-Type", MediaType.ociManifest)],
                body: image.manifest)
            #expect(mismatch.status == 400)
            #expect(mismatch.errorCodes == ["DIGEST_INVALID"])
            #expect(try server.send("GET", "/v2/app/tags/list").jsonObject()["tags"] as? [String] == [])
        }
    }

    @Test(
        "a manifest naming blobs the repository lacks is MANIFEST_BLOB_UNKNOWN, one entry per blob",
        arguments: TestApp.Mode.allCases)
    func missingBlobs(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage(layerCount: 2)
            _ = try server.send(
                "POST", "/v2/app/blobs/uploads/?digest=\(image.layers[0].digest)", body: image.layers[0].bytes)
            let response = try server.send(
                "PUT", "/v2/app/manifests/v1", headers: [("Content-Type", image.manifestMediaType)],
                body: image.manifest)
            #expect(response.status == 400)
            #expect(response.errorCodes == ["MANIFEST_BLOB_UNKNOWN", "MANIFEST_BLOB_UNKNOWN"])
            let details = (try response.jsonObject()["errors"] as? [[String: Any]])?.compactMap {
                $0["detail"] as? String
            }
            #expect(details == [image.config.digest, image.layers[1].digest])
            #expect(try server.send("GET", "/v2/app/manifests/v1").errorCodes == ["MANIFEST_UNKNOWN"])
        }
    }

    @Test("a blob in another repository does not satisfy a manifest", arguments: TestApp.Mode.allCases)
    func blobsAreRepositoryScoped(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage()
            try server.push(image, to: "one", tag: "v1")
            let response = try server.send(
                "PUT", "/v2/two/manifests/v1", headers: [("Content-Type", image.manifestMediaType)],
                body: image.manifest)
            #expect(response.errorCodes.allSatisfy { $0 == "MANIFEST_BLOB_UNKNOWN" })
            #expect(response.errorCodes.count == 3)
            #expect(try server.send("GET", "/v2/two/blobs/\(image.config.digest)").errorCodes == ["BLOB_UNKNOWN"])
            _ = try server.send(
                "POST", "/v2/two/blobs/uploads/?digest=\(image.layers[0].digest)", body: image.layers[0].bytes)
            #expect(try server.send("GET", "/v2/two/blobs/\(image.config.digest)").errorCodes == ["BLOB_UNKNOWN"])
        }
    }

    @Test(
        "invalid manifests are MANIFEST_INVALID; bad tags TAG_INVALID; too large bodies refused",
        arguments: TestApp.Mode.allCases)
    func invalid(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let notJSON = try server.send(
                "PUT", "/v2/app/manifests/v1", headers: [("Content-Type", MediaType.dockerManifest)],
                body: Array("{".utf8))
            #expect(notJSON.status == 400)
            #expect(notJSON.errorCodes == ["MANIFEST_INVALID"])
            #expect(notJSON.errorMessage == "manifest invalid")
            let mismatch = try server.send(
                "PUT", "/v2/app/manifests/v1", headers: [("Content-Type", MediaType.ociIndex)],
                body: Array(#"{"schemaVersion":2,"mediaType":"\#(MediaType.dockerManifestList)","manifests":[]}"#.utf8))
            #expect(mismatch.errorCodes == ["MANIFEST_INVALID"])
            let badTag = try server.send(
                "PUT", "/v2/app/manifests/-bad", headers: [("Content-Type", MediaType.ociIndex)], body: Array("{}".utf8)
            )
            #expect(badTag.status == 400)
            #expect(badTag.errorCodes == ["TAG_INVALID"])
            let huge = try server.send(
                "PUT", "/v2/app/manifests/v1", body: [UInt8](repeating: 32, count: 4 * 1024 * 1024 + 1))
            #expect(huge.errorCodes == ["MANIFEST_INVALID"])
        }
    }

    @Test(
        "a missing tag or repository is MANIFEST_UNKNOWN, as on registry:2; a bad name NAME_INVALID",
        arguments: TestApp.Mode.allCases)
    func unknowns(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            try server.push(TestImage(), to: "app", tag: "v1")
            let tag = try server.send("GET", "/v2/app/manifests/v2")
            #expect(tag.status == 404)
            #expect(tag.errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(tag.errorMessage == "manifest unknown")
            let digest = try server.send("GET", "/v2/app/manifests/sha256:\(String(repeating: "e", count: 64))")
            #expect(digest.errorCodes == ["MANIFEST_UNKNOWN"])
            let repository = try server.send("GET", "/v2/nothing/manifests/v1")
            #expect(repository.status == 404)
            #expect(repository.errorCodes == ["MANIFEST_UNKNOWN"])
            let tags = try server.send("GET", "/v2/nothing/tags/list")
            #expect(tags.errorCodes == ["NAME_UNKNOWN"])
            #expect(tags.errorMessage == "repository name not known to registry")
            let name = try server.send("GET", "/v2/Bad/Name/manifests/v1")
            #expect(name.status == 400)
            #expect(name.errorCodes == ["NAME_INVALID"])
            #expect(try server.send("GET", "/v2/a/../b/manifests/v1").errorCodes == ["NAME_INVALID"])
            #expect(try server.send("GET", "/v2/app/manifests/-x").errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(try server.send("GET", "/v2/app/manifests/sha256:zz").errorCodes == ["DIGEST_INVALID"])
        }
    }

    @Test(
        "DELETE by tag removes the tag only; by digest removes the manifest and its tags: 202",
        arguments: TestApp.Mode.allCases)
    func delete(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage()
            try server.push(image, to: "app", tag: "v1")
            _ = try server.send(
                "PUT", "/v2/app/manifests/v2", headers: [("Content-Type", image.manifestMediaType)],
                body: image.manifest)
            #expect(try server.send("DELETE", "/v2/app/manifests/v1").status == 202)
            #expect(try server.send("GET", "/v2/app/manifests/v2").status == 200)
            #expect(try server.send("DELETE", "/v2/app/manifests/v1").errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(try server.send("DELETE", "/v2/app/manifests/\(image.digest)").status == 202)
            #expect(try server.send("GET", "/v2/app/manifests/v2").errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(try server.send("GET", "/v2/app/manifests/\(image.digest)").errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(try server.send("GET", "/v2/app/tags/list").jsonObject()["tags"] as? [String] == [])
        }
    }

    @Test("names with manifests and blobs components push and pull like any other", arguments: TestApp.Mode.allCases)
    func trickyNames(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage(seed: "tricky")
            try server.push(image, to: "a/manifests/b/blobs", tag: "manifests")
            #expect(try server.send("GET", "/v2/a/manifests/b/blobs/manifests/manifests").body == image.manifest)
            #expect(
                try server.send("GET", "/v2/a/manifests/b/blobs/blobs/\(image.config.digest)").body
                    == image.config.bytes)
            #expect(
                try server.send("GET", "/v2/a/manifests/b/blobs/tags/list").jsonObject()["tags"] as? [String] == [
                    "manifests"
                ])
        }
    }

    @Test("unknown paths are registry:2's plain 404; wrong methods 405 UNSUPPORTED", arguments: TestApp.Mode.allCases)
    func routes(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let unknown = try server.send("GET", "/v2/app")
            #expect(unknown.status == 404)
            #expect(unknown.text == "404 page not found\n")
            #expect(unknown.isAPIVersioned)
            let method = try server.send("POST", "/v2/app/manifests/v1")
            #expect(method.status == 405)
            #expect(method.errorCodes == ["UNSUPPORTED"])
            #expect(try server.send("PATCH", "/v2/_catalog").status == 405)
        }
    }
}

@Suite("Accept negotiation")
struct AcceptNegotiationTests {
    let dockerOnly = ("Accept", MediaType.dockerManifest)

    @Test(
        "an OCI manifest is not served to a client that does not accept OCI manifests",
        arguments: TestApp.Mode.allCases)
    func ociManifest(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let image = TestImage(format: .oci)
            try server.push(image, to: "app", tag: "v1")
            let refused = try server.send("GET", "/v2/app/manifests/v1", headers: [dockerOnly])
            #expect(refused.status == 404)
            #expect(refused.errorCodes == ["MANIFEST_UNKNOWN"])
            #expect(refused.errorMessage == "OCI manifest found, but accept header does not support OCI manifests")
            let accepted = try server.send(
                "GET", "/v2/app/manifests/v1", headers: [dockerOnly, ("Accept", MediaType.ociManifest)])
            #expect(accepted.status == 200)
            #expect(accepted.header("Content-Type") == MediaType.ociManifest)
            let listed = try server.send(
                "GET", "/v2/app/manifests/v1",
                headers: [("Accept", "\(MediaType.dockerManifest), \(MediaType.ociManifest);q=0.9")])
            #expect(listed.status == 200)
            #expect(try server.send("GET", "/v2/app/manifests/v1", headers: [("Accept", "*/*")]).status == 200)
        }
    }

    @Test("an OCI index is refused to clients that do not accept indexes", arguments: TestApp.Mode.allCases)
    func ociIndex(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let amd64 = TestImage(format: .oci, seed: "amd64"), arm64 = TestImage(format: .oci, seed: "arm64")
            try server.push(amd64, to: "multi", tag: "amd64")
            try server.push(arm64, to: "multi", tag: "arm64")
            let index = TestImage.index([(amd64, "amd64"), (arm64, "arm64")], format: .oci)
            #expect(
                try server.send(
                    "PUT", "/v2/multi/manifests/latest", headers: [("Content-Type", MediaType.ociIndex)], body: index
                ).status == 201)
            let refused = try server.send(
                "GET", "/v2/multi/manifests/latest", headers: [("Accept", MediaType.ociManifest)])
            #expect(refused.errorMessage == "OCI index found, but accept header does not support OCI indexes")
            let served = try server.send("GET", "/v2/multi/manifests/latest", headers: [("Accept", MediaType.ociIndex)])
            #expect(served.body == index)
        }
    }

    @Test(
        "a manifest list asked for by tag by a client without list support gets the linux/amd64 image",
        arguments: TestApp.Mode.allCases)
    func manifestListFallback(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let amd64 = TestImage(seed: "amd64"), arm64 = TestImage(seed: "arm64")
            try server.push(arm64, to: "multi", tag: "arm64")
            try server.push(amd64, to: "multi", tag: "amd64")
            let list = TestImage.index([(arm64, "arm64"), (amd64, "amd64")], format: .docker)
            #expect(
                try server.send(
                    "PUT", "/v2/multi/manifests/latest", headers: [("Content-Type", MediaType.dockerManifestList)],
                    body: list
                ).status == 201)
            let fallback = try server.send("GET", "/v2/multi/manifests/latest", headers: [dockerOnly])
            #expect(fallback.status == 200)
            #expect(fallback.header("Docker-Content-Digest") == amd64.digest)
            #expect(fallback.body == amd64.manifest)
            let full = try server.send(
                "GET", "/v2/multi/manifests/latest", headers: [dockerOnly, ("Accept", MediaType.dockerManifestList)])
            #expect(full.header("Content-Type") == MediaType.dockerManifestList)
            #expect(full.body == list)
        }
    }

    @Test("an index naming manifests the repository lacks is MANIFEST_BLOB_UNKNOWN", arguments: TestApp.Mode.allCases)
    func indexChildrenMustExist(_ mode: TestApp.Mode) throws {
        try TestApp.test(mode) { server in
            try server.seedOpenRegistry()
            let child = TestImage(format: .oci)
            let index = TestImage.index([(child, "amd64")], format: .oci)
            let response = try server.send(
                "PUT", "/v2/multi/manifests/latest", headers: [("Content-Type", MediaType.ociIndex)], body: index)
            #expect(response.errorCodes == ["MANIFEST_BLOB_UNKNOWN"])
        }
    }
}
