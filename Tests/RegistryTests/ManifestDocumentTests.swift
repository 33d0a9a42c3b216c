import Testing

@testable import Registry

@Suite("Manifest documents")
struct ManifestDocumentTests {
    let digest = "sha256:" + String(repeating: "1", count: 64)

    func parse(_ json: String, _ contentType: String?) throws(RegistryError) -> ManifestDocument {
        try ManifestDocument.parse(Array(json.utf8), contentType: contentType)
    }

    func invalid(_ json: String, _ contentType: String?) -> String? {
        do {
            _ = try parse(json, contentType)
            return nil
        } catch {
            guard case .manifestInvalid(let detail) = error else { return "other error \(error)" }
            return detail
        }
    }

    @Test("a test image's manifest parses with its config and layers as required blobs")
    func testImage() throws {
        let image = TestImage(format: .docker, layerCount: 3)
        let document = try ManifestDocument.parse(image.manifest, contentType: MediaType.dockerManifest)
        #expect(document.kind == .image)
        #expect(document.requiredBlobs == [image.config.digest] + image.layers.map(\.digest))
        #expect(document.references.map(\.kind) == [.config, .layer, .layer, .layer])
    }

    @Test("Content-Type decides the type; a body without mediaType becomes OCI by its shape")
    func mediaTypes() throws {
        let oci = #"{"schemaVersion":2,"config":{"mediaType":"a","digest":"DIGEST","size":1},"layers":[]}"#
            .replacingOccurrences(of: "DIGEST", with: digest)
        #expect(try parse(oci, nil).mediaType == MediaType.ociManifest)
        #expect(try parse(oci, MediaType.ociManifest + "; charset=utf-8").mediaType == MediaType.ociManifest)
        #expect(try parse(#"{"schemaVersion":2,"manifests":[]}"#, nil).mediaType == MediaType.ociIndex)
    }

    @Test("malformed manifests are MANIFEST_INVALID with a reason")
    func invalidShapes() {
        #expect(invalid("not json", nil) == "manifest is not a JSON object")
        #expect(invalid("[1]", nil) == "manifest is not a JSON object")
        #expect(invalid(#"{"schemaVersion":1,"manifests":[]}"#, MediaType.ociIndex) == "schemaVersion must be 2")
        #expect(
            invalid(
                #"{"schemaVersion":2,"mediaType":"\#(MediaType.ociIndex)","manifests":[]}"#,
                MediaType.dockerManifestList)
                == "mediaType in manifest should be '\(MediaType.dockerManifestList)' not '\(MediaType.ociIndex)'")
        #expect(
            invalid(#"{"schemaVersion":2,"config":{}}"#, MediaType.dockerManifest)
                == "mediaType is required for \(MediaType.dockerManifest)")
        #expect(
            invalid(
                #"{"schemaVersion":2,"config":{"mediaType":"a","digest":"sha256:xyz","size":1},"layers":[]}"#,
                MediaType.ociManifest)
                == "config.digest is not a sha256 digest")
        #expect(
            invalid(
                #"{"schemaVersion":2,"config":{"mediaType":"a","digest":"\#(digest)","size":-1},"layers":[]}"#,
                MediaType.ociManifest)
                == "config.size must be a non-negative integer")
        #expect(
            invalid(
                #"{"schemaVersion":2,"config":{"mediaType":"a","digest":"\#(digest)","size":1}}"#, MediaType.ociManifest
            )
                == "layers must be an array")
        #expect(
            invalid(#"{"schemaVersion":2,"mediaType":"text/plain"}"#, "text/plain")
                == "unsupported manifest media type text/plain")
        #expect(invalid(String(repeating: " ", count: 4 * 1024 * 1024 + 1), nil) == "manifest too large")
    }

    @Test("foreign layers are not required to be in the registry")
    func foreignLayers() throws {
        let json = """
            {"schemaVersion":2,"mediaType":"\(MediaType.dockerManifest)",
             "config":{"mediaType":"\(MediaType.dockerConfig)","digest":"\(digest)","size":2},
             "layers":[{"mediaType":"\(MediaType.dockerForeignLayer)","digest":"sha256:\(String(repeating: "2", count: 64))","size":3,"urls":["https://example.com/x"]}]}
            """
        #expect(try parse(json, nil).requiredBlobs == [digest])
    }
}
