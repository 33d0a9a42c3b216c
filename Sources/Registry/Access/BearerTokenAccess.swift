import AWSCore
import Crypto
import Foundation
import HTTPServer

/// Docker Hub / quay.io style token auth: requests carry `Authorization: Bearer <token>` from the
/// token endpoint; without one (or with an expired or unknown one, or one whose scopes do not
/// cover the request) the answer is 401 with
/// `Bearer realm="<endpoint>/_ebauth/registries/<host>/token",service="<service>",scope="repository:<name>:pull"`.
public struct BearerTokenAccess: RegistryAccessControl {
    public let host: String
    public let service: String
    /// The token endpoint's URL.
    public let realm: String
    let tokens: ThirdPartyStore

    public init(host: String, service: String, realm: String, tokens: ThirdPartyStore) {
        self.host = host
        self.service = service
        self.realm = realm
        self.tokens = tokens
    }

    public func challenge(for action: RegistryAction, error: String? = nil) -> String {
        var value = "Bearer realm=\"\(realm)\",service=\"\(service)\""
        if let scope = TokenScope.required(for: action) { value += ",scope=\"\(scope.text)\"" }
        if let error { value += ",error=\"\(error)\"" }
        return value
    }

    public func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction)
        throws(RegistryError)
        -> RegistryPrincipal
    {
        guard let token = BearerCredential.token(request) else {
            throw .unauthorized(challenge: challenge(for: action), access: action.accessRecords)
        }
        let issued: IssuedToken?
        do {
            issued = try tokens.read { try $0.token(hash: Self.hash(token)) }
        } catch {
            throw .unknown
        }
        guard let issued, issued.host == host, issued.expiresAt > tokens.clock.now() else {
            throw .unauthorized(challenge: challenge(for: action, error: "invalid_token"), access: action.accessRecords)
        }
        guard Self.covers(issued.grants, action) else {
            throw .unauthorized(
                challenge: challenge(for: action, error: "insufficient_scope"), access: action.accessRecords)
        }
        return RegistryPrincipal(name: issued.subject)
    }

    static func covers(_ grants: [TokenGrant], _ action: RegistryAction) -> Bool {
        func has(_ type: String, _ name: String, _ wanted: String) -> Bool {
            grants.contains {
                $0.type == type && $0.name == name && ($0.actions.contains(wanted) || $0.actions.contains("*"))
            }
        }
        switch action {
        case .ping: return true
        case .catalog: return has("registry", "catalog", "*")
        case .pull(let repository, _): return has("repository", repository, "pull")
        case .push(let repository, _): return has("repository", repository, "push")
        case .delete(let repository, _): return has("repository", repository, "delete")
        }
    }

    /// Tokens are stored by this hash only.
    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }
}
