import HTTPServer

/// Which registry a request is for, and who decides its access. Produced per request by the
/// resolver the server gives `RegistryResponder` (host-based routing lives there).
public struct RegistryResolution: Sendable {
    public var namespace: RegistryNamespace
    public var access: any RegistryAccessControl

    public init(namespace: RegistryNamespace, access: any RegistryAccessControl) {
        self.namespace = namespace
        self.access = access
    }
}

/// Picks the registry for a request, or nil when none answers for it.
public typealias RegistryResolver = @Sendable (HTTPRequest) -> RegistryResolution?

/// The Host header's candidate names: `host:port` first, then `host` alone, lowercased, without
/// a trailing dot (IPv6 literals keep their brackets).
public enum HostName {
    public static func candidates(_ header: String?) -> [String] {
        guard var host = header?.trimmingCharacters(in: .whitespaces).lowercased(), !host.isEmpty else { return [] }
        if host.hasSuffix(".") { host.removeLast() }
        var candidates = [host]
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]"), host.index(after: close) != host.endIndex {
                candidates.append(String(host[...close]))
            }
        } else if let colon = host.lastIndex(of: ":") {
            var bare = String(host[..<colon])
            if bare.hasSuffix(".") { bare.removeLast() }
            candidates.append(bare)
        }
        return candidates
    }
}
