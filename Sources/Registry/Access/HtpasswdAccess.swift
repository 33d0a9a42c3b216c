import HTTPServer

/// HTTP Basic against htpasswd users, as registry:2 configured with `auth: htpasswd`: a missing
/// or wrong credential is 401 with `WWW-Authenticate: Basic realm="<realm>"`; a known user
/// without the permission is 403 DENIED.
public struct HtpasswdAccess: RegistryAccessControl {
    public let realm: String
    public let permissions: RegistryPermissions

    /// registry:2's documented example realm, which docker prints nowhere but sends back as is.
    public static let defaultRealm = "Registry Realm"

    public init(realm: String = HtpasswdAccess.defaultRealm, permissions: RegistryPermissions) {
        self.realm = realm
        self.permissions = permissions
    }

    public var challenge: String { "Basic realm=\"\(realm)\"" }

    public func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction)
        throws(RegistryError)
        -> RegistryPrincipal
    {
        guard let credentials = BasicCredentials(request) else {
            // Public repositories pull without credentials; everything else asks for them.
            if permissions.permits(nil, action), action != .ping { return .anonymous }
            throw .unauthorized(challenge: challenge, access: action.accessRecords)
        }
        guard let user = permissions.authenticate(credentials) else {
            throw .unauthorized(challenge: challenge, access: action.accessRecords)
        }
        guard permissions.permits(user, action) else { throw .denied() }
        return RegistryPrincipal(name: user.name)
    }
}
