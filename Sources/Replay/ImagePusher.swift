import Foundation
import Registry

/// Pushes a generated test image to an ECR repository the way `docker push` does after
/// `aws ecr get-login-password | docker login`: Basic `AWS:<token>` on the registry host,
/// blob uploads (POST then PUT with the digest), then the manifest.
struct ImagePusher {
    let http: LocalHTTPClient

    func push(repository: String, tag: String, host: String, authorization: String?) throws {
        let image = TestImage(seed: "\(host)/\(repository):\(tag)")
        let auth = authorization.map { [("Authorization", $0)] } ?? []
        for blob in image.blobs {
            let start = try http.send("POST", "/v2/\(repository)/blobs/uploads/", host: host, headers: auth)
            guard start.status == 202, let location = start.header("location") else {
                throw HTTPClientError(
                    description: "blob upload to \(host)/\(repository) refused: \(start.status) \(start.text)")
            }
            var target = location
            if let url = URLComponents(string: location), url.host != nil {
                target = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
            }
            target +=
                (target.contains("?") ? "&" : "?") + "digest=" + blob.digest.replacingOccurrences(of: ":", with: "%3A")
            let put = try http.send(
                "PUT", target, host: host, headers: auth + [("Content-Type", "application/octet-stream")],
                body: blob.bytes)
            guard put.status == 201 else {
                throw HTTPClientError(description: "blob upload failed: \(put.status) \(put.text)")
            }
        }
        let manifest = try http.send(
            "PUT", "/v2/\(repository)/manifests/\(tag)", host: host,
            headers: auth + [("Content-Type", image.manifestMediaType)],
            body: image.manifest)
        guard manifest.status == 201 else {
            throw HTTPClientError(description: "manifest push failed: \(manifest.status) \(manifest.text)")
        }
    }
}
