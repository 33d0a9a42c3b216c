import AWSCore
import Crypto
import Foundation
import HTTPServer
import Registry

/// Layer download URLs: what GetDownloadUrlForLayer returns and where the registry redirects
/// blob GETs, as real ECR sends both to a presigned URL of its S3 layer bucket (EB-SPEC §B.5).
///
/// Until ebauth's S3 can presign such URLs, they point at this server:
/// `/_ebauth/ecr/layers/<account>/<region>/<digest>?repository=<name>&X-Ebauth-Expires=<epoch>&X-Ebauth-Signature=<hex>`,
/// an HMAC-SHA256 over registry, repository, digest and expiry with a key kept in the state.
/// The URL works without credentials for an hour, like a presigned URL; an expired or altered
/// one is refused with S3's `AccessDenied` XML, so clients see what S3 would send.
struct LayerURLSigner: Sendable {
    static let prefix = "/_ebauth/ecr/layers/"
    /// Unverified: ECR's presigned layer URLs are assumed to last an hour.
    static let lifetime: TimeInterval = 3600

    let store: ECRStore
    let clock: AWSClock

    /// The path and query of a signed URL for a layer (append it to the endpoint, or send it
    /// as a relative redirect).
    func path(_ registry: ECRRegistry, repository: String, digest: String) throws -> String {
        let expires = Int64(clock.now().addingTimeInterval(Self.lifetime).timeIntervalSince1970)
        let signature = try sign(registry, repository: repository, digest: digest, expires: expires)
        return "\(Self.prefix)\(registry.accountID)/\(registry.region)/\(digest)?repository=\(Self.escape(repository))"
            + "&X-Ebauth-Expires=\(expires)&X-Ebauth-Signature=\(signature)"
    }

    func sign(_ registry: ECRRegistry, repository: String, digest: String, expires: Int64) throws -> String {
        let key = SymmetricKey(data: try store.signingKey())
        let message = [registry.accountID, registry.region, repository, digest, String(expires)].joined(separator: "\n")
        return HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key).map { String(format: "%02x", $0) }
            .joined()
    }

    /// Repository names need no escaping beyond `/`, which is kept (it is part of the name).
    static func escape(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
    }
}

/// Serves the signed layer URLs.
struct LayerDownloadResponder: HTTPResponder {
    let signer: LayerURLSigner
    let registry: RegistryBackend

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
        }
        let parts = request.path.dropFirst(LayerURLSigner.prefix.count).split(separator: "/").map(String.init)
        let query = QueryItems(parsing: request.query)
        guard parts.count == 3, let repository = query["repository"], let expiresText = query["X-Ebauth-Expires"],
            let expires = Int64(expiresText), let signature = query["X-Ebauth-Signature"]
        else {
            return error(
                "AccessDenied",
                "Query-string authentication requires the X-Ebauth-Signature and X-Ebauth-Expires parameters", 403)
        }
        let target = ECRRegistry(accountID: parts[0], region: parts[1])
        let digest = parts[2]
        guard let expected = try? signer.sign(target, repository: repository, digest: digest, expires: expires),
            constantTimeEquals(expected, signature)
        else {
            return error(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                403)
        }
        guard Double(expires) >= signer.clock.now().timeIntervalSince1970 else {
            return error("AccessDenied", "Request has expired", 403)
        }
        guard let served = try? registry.blob(target.namespace, repository, digest: digest) else {
            return error("NoSuchKey", "The specified key does not exist.", 404)
        }
        let size = Int(served.link.size)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/octet-stream")
        headers.add("Accept-Ranges", "bytes")
        headers.add("ETag", "\"\(digest.dropFirst(7).prefix(32))\"")
        if request.method == "HEAD" {
            return HTTPResponse(status: 200, headers: headers, body: .file(path: served.path, offset: 0, length: size))
        }
        switch ByteRange.resolve(request.headers["range"], size: size) {
        case .whole:
            return HTTPResponse(status: 200, headers: headers, body: .file(path: served.path, offset: 0, length: size))
        case .partial(let range):
            headers.add("Content-Range", range.contentRange(size: size))
            return HTTPResponse(
                status: 206, headers: headers,
                body: .file(path: served.path, offset: range.offset, length: range.length))
        case .unsatisfiable:
            return error("InvalidRange", "The requested range is not satisfiable", 416)
        }
    }

    private func error(_ code: String, _ message: String, _ status: Int) -> HTTPResponse {
        ErrorRenderer.render(
            AWSError(code: code, message: message, status: status), protocol: .restXML,
            requestID: RequestID.make(for: .restXML))
    }
}
