import Registry
import TestSupport

extension TestRegistryServer: LoopbackTarget {}

extension HTTPTestTarget {
    /// Seeds a registry through the admin API; fails the test on anything but 201.
    @discardableResult
    func seed(_ json: String) throws -> [String: Any] {
        let response = try send(
            "POST", "/_ebauth/registries", headers: [("Content-Type", "application/json")], body: Array(json.utf8))
        guard response.status == 201 else { throw TestFailure("seeding failed: \(response.status) \(response.text)") }
        return try response.jsonObject()
    }

    /// Makes Host `127.0.0.1` an open registry (auth none), for tests about content rather than auth.
    func seedOpenRegistry() throws {
        try seed(#"{"host": "open.test", "aliases": ["127.0.0.1"], "auth": "none"}"#)
    }

    /// Uploads blobs monolithically and PUTs the manifest under `tag`, as a client pushes.
    func push(
        _ image: TestImage, to repository: String, tag: String, host: String = "127.0.0.1",
        headers: [(String, String)] = []
    ) throws {
        for blob in image.blobs {
            let response = try send(
                "POST", "/v2/\(repository)/blobs/uploads/?digest=\(blob.digest)", host: host, headers: headers,
                body: blob.bytes)
            guard response.status == 201 else { throw TestFailure("blob upload: \(response.status) \(response.text)") }
        }
        let response = try send(
            "PUT", "/v2/\(repository)/manifests/\(tag)", host: host,
            headers: headers + [("Content-Type", image.manifestMediaType)], body: image.manifest)
        guard response.status == 201 else { throw TestFailure("manifest put: \(response.status) \(response.text)") }
    }
}

/// An open registry on Host `127.0.0.1` (auth none) in a harness of its own.
func openRegistry() throws -> TestRegistryServer {
    let server = try TestRegistryServer()
    try server.seedOpenRegistry()
    return server
}
