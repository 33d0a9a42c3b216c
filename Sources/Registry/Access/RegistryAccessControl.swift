import HTTPServer

/// Decides whether a registry request may go on, before the registry looks at any content (so
/// a missing credential is a 401 even for a repository that does not exist, as registry:2 does).
public protocol RegistryAccessControl: Sendable {
    /// Returns who the request acts as, or throws the answer: `.unauthorized(challenge:)` for a
    /// missing or wrong credential, `.denied` for a known caller without the permission.
    func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction) throws(RegistryError)
        -> RegistryPrincipal
}

/// No authentication at all, like registry:2 without an `auth` section.
public struct OpenAccess: RegistryAccessControl {
    public init() {}

    public func authorize(_ request: HTTPRequest, namespace: RegistryNamespace, action: RegistryAction)
        throws(RegistryError)
        -> RegistryPrincipal
    {
        .anonymous
    }
}
