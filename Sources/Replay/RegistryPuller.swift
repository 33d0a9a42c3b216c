import AWSCore
import Beanstalk
import Crypto
import Foundation

/// What docker reports when a pull fails, and why (for the diagnosis).
public struct PullFailure: Error, CustomStringConvertible, Sendable {
    /// The daemon's text, `Error response from daemon: …`.
    public let message: String
    public let status: Int?
    public var description: String { message }
}

/// ebauth's built-in puller: a registry client that does what dockerd does for `docker pull`,
/// against the local server (every registry host resolves there): ping, answer the Basic or
/// Bearer challenge, fetch the manifest (an index picks linux/amd64), the config and every
/// layer, verifying each digest.
public struct RegistryPuller: ImagePuller {
    public let routes: RegistryRoutes

    public init(routes: RegistryRoutes) { self.routes = routes }

    public var name: String { "builtin" }

    func client(_ host: String) -> LocalHTTPClient { routes.client(for: host) }

    static let manifestTypes = [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
    ].joined(separator: ", ")

    public func pull(_ image: ImageReference, credential: DockerCredential?) -> Result<PulledImage, PullFailure> {
        do {
            return .success(try pullOrThrow(image, credential: credential))
        } catch let failure as PullFailure {
            return .failure(failure)
        } catch {
            return .failure(PullFailure(message: "Error response from daemon: \(error)", status: nil))
        }
    }

    func pullOrThrow(_ image: ImageReference, credential: DockerCredential?) throws -> PulledImage {
        let host = image.pullHost
        let repository = image.path
        let reference = image.manifestReference
        let auth = try authorization(host: host, repository: repository, credential: credential, image: image)
        var headers = auth.map { [("Authorization", $0)] } ?? []
        headers.append(("Accept", Self.manifestTypes))
        var manifest = try client(host).send(
            "GET", "/v2/\(repository)/manifests/\(reference)", host: host, headers: headers)
        try check(manifest, image: image, what: .manifest)
        try verify(manifest.body, expected: image.digest ?? manifest.header("docker-content-digest"), what: "manifest")
        var object = try Self.jsonObject(manifest.body)
        if let list = object["manifests"] as? [[String: Any]] {
            guard
                let chosen = list.first(where: { entry in
                    let platform = entry["platform"] as? [String: Any]
                    return (platform?["os"] as? String) == "linux" && (platform?["architecture"] as? String) == "amd64"
                }), let digest = chosen["digest"] as? String
            else {
                throw PullFailure(
                    message:
                        "Error response from daemon: no matching manifest for linux/amd64 in the manifest list entries",
                    status: nil)
            }
            manifest = try client(host).send(
                "GET", "/v2/\(repository)/manifests/\(digest)", host: host, headers: headers)
            try check(manifest, image: image, what: .manifest)
            try verify(manifest.body, expected: digest, what: "manifest")
            object = try Self.jsonObject(manifest.body)
        }
        let digest = "sha256:" + Hex.encode(SHA256.hash(data: manifest.body))
        var blobs: [String] = []
        if let config = (object["config"] as? [String: Any])?["digest"] as? String { blobs.append(config) }
        for layer in object["layers"] as? [[String: Any]] ?? [] {
            if let digest = layer["digest"] as? String { blobs.append(digest) }
        }
        var bytes = manifest.body.count
        for blob in blobs {
            var reply = try client(host).send(
                "GET", "/v2/\(repository)/blobs/\(blob)", host: host,
                headers: auth.map { [("Authorization", $0)] } ?? [])
            var hops = 0
            while (301...308).contains(reply.status), let location = reply.header("location"), hops < 3 {
                hops += 1
                reply = try follow(location, host: host)
            }
            try check(reply, image: image, what: .blob)
            try verify(reply.body, expected: blob, what: "blob")
            bytes += reply.body.count
        }
        return PulledImage(manifestDigest: digest, blobs: blobs.count, bytes: bytes)
    }

    /// Redirects (ECR layers go to S3) are followed without the registry's Authorization.
    func follow(_ location: String, host: String) throws -> HTTPReply {
        if location.hasPrefix("/") { return try client(host).send("GET", location, host: host) }
        guard let url = URLComponents(string: location),
            let target = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath as String?
        else { throw PullFailure(message: "Error response from daemon: bad redirect \(location)", status: nil) }
        let query = url.percentEncodedQuery.map { "?" + $0 } ?? ""
        let hostHeader = (url.host ?? host) + (url.port.map { ":\($0)" } ?? "")
        return try client(hostHeader).send("GET", target + query, host: hostHeader)
    }

    enum What { case manifest, blob }

    func check(_ reply: HTTPReply, image: ImageReference, what: What) throws {
        guard reply.status != 200 else { return }
        let (code, message) = Self.registryError(reply)
        let rendered =
            code.map { "\($0.lowercased().replacingOccurrences(of: "_", with: " ")): \(message)" }
            ?? "error parsing HTTP \(reply.status) response body: \(reply.body.isEmpty ? "unexpected end of JSON input: \"\"" : "invalid character looking for beginning of value: \"\(reply.text.prefix(200))\"")"
        let name =
            image.familiar.split(separator: "@").first.map { String($0.split(separator: ":").first ?? $0) }
            ?? image.name
        switch (reply.status, code) {
        case (404, "MANIFEST_UNKNOWN"):
            throw PullFailure(
                message: "Error response from daemon: manifest for \(image.familiar) not found: \(rendered)",
                status: 404)
        case (404, "NAME_UNKNOWN"):
            throw PullFailure(
                message: "Error response from daemon: repository \(name) not found: \(rendered)", status: 404)
        case (401, _), (403, _):
            if reply.status == 401, code == nil || code == "UNAUTHORIZED", Self.challenge(reply)?.scheme == "basic" {
                throw PullFailure(
                    message:
                        "Error response from daemon: Head \"https://\(image.pullHost)/v2/\(image.path)/manifests/\(image.manifestReference)\": \(rendered)",
                    status: 401)
            }
            throw PullFailure(
                message:
                    "Error response from daemon: pull access denied for \(name), repository does not exist or may require 'docker login': \(rendered)",
                status: reply.status)
        default:
            throw PullFailure(message: "Error response from daemon: \(rendered)", status: reply.status)
        }
    }

    func verify(_ body: [UInt8], expected: String?, what: String) throws {
        guard let expected, expected.hasPrefix("sha256:") else { return }
        let actual = "sha256:" + Hex.encode(SHA256.hash(data: body))
        guard actual == expected else {
            throw PullFailure(
                message: "Error response from daemon: \(what) verification failed for digest \(expected)", status: nil)
        }
    }

    static func jsonObject(_ body: [UInt8]) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw PullFailure(message: "Error response from daemon: invalid manifest: not JSON", status: nil)
        }
        return object
    }

    static func registryError(_ reply: HTTPReply) -> (String?, String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
            let first = (object["errors"] as? [[String: Any]])?.first
        else { return (nil, reply.text) }
        return (first["code"] as? String, (first["message"] as? String) ?? "")
    }

    struct Challenge {
        var scheme: String
        var parameters: [String: String]
    }

    static func challenge(_ reply: HTTPReply) -> Challenge? {
        guard let header = reply.header("www-authenticate") else { return nil }
        let scheme = header.prefix { $0 != " " }.lowercased()
        var parameters: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"(\w+)="([^"]*)""#)
        let text = header as NSString
        for match in pattern.matches(in: header, range: NSRange(location: 0, length: text.length)) {
            parameters[text.substring(with: match.range(at: 1)).lowercased()] = text.substring(with: match.range(at: 2))
        }
        return Challenge(scheme: scheme, parameters: parameters)
    }

    /// The Authorization header value to use, after the `/v2/` ping — nil when anonymous.
    func authorization(host: String, repository: String, credential: DockerCredential?, image: ImageReference) throws
        -> String?
    {
        let ping = try client(host).send("GET", "/v2/", host: host)
        guard ping.status == 401, let challenge = Self.challenge(ping) else { return nil }
        switch challenge.scheme {
        case "basic":
            guard let credential else {
                throw PullFailure(
                    message:
                        "Error response from daemon: Head \"https://\(host)/v2/\(repository)/manifests/\(image.manifestReference)\": no basic auth credentials",
                    status: 401)
            }
            return "Basic " + Data("\(credential.username):\(credential.password)".utf8).base64EncodedString()
        case "bearer":
            guard let realm = challenge.parameters["realm"] else { return nil }
            let token = try bearerToken(
                realm: realm, service: challenge.parameters["service"], scope: "repository:\(repository):pull",
                credential: credential,
                host: host)
            return token.map { "Bearer " + $0 }
        default:
            return nil
        }
    }

    /// The token service: GET realm?service=…&scope=…, Basic credentials when there are some.
    func bearerToken(realm: String, service: String?, scope: String, credential: DockerCredential?, host: String) throws
        -> String?
    {
        guard var components = URLComponents(string: realm) else { return nil }
        var items = components.queryItems ?? []
        if let service { items.append(URLQueryItem(name: "service", value: service)) }
        items.append(URLQueryItem(name: "scope", value: scope))
        components.queryItems = items
        var headers: [(String, String)] = []
        if let credential {
            headers.append(
                (
                    "Authorization",
                    "Basic " + Data("\(credential.username):\(credential.password)".utf8).base64EncodedString()
                ))
        }
        let target =
            (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath) + "?"
            + (components.percentEncodedQuery ?? "")
        let hostHeader = components.host.map { $0 + (components.port.map { ":\($0)" } ?? "") } ?? host
        let reply = try client(hostHeader).send("GET", target, host: hostHeader, headers: headers)
        guard reply.status == 200 else {
            let (code, message) = Self.registryError(reply)
            let text = code.map { "\($0.lowercased()): \(message)" } ?? "unauthorized: incorrect username or password"
            throw PullFailure(
                message: "Error response from daemon: Get \"https://\(host)/v2/\": \(text)", status: reply.status)
        }
        let object = try Self.jsonObject(reply.body)
        return (object["token"] as? String) ?? (object["access_token"] as? String)
    }
}
