import Foundation

/// Where each registry host of one scenario is served: by the scenario's ebauth server (ECR,
/// and the third-party registries it emulates) unless a real distribution registry stands in
/// for the host (`--registry process|container`).
public struct RegistryRoutes: Sendable {
    public let serverPort: Int
    /// Registry host (without port, lower-cased) → the loopback port of the real registry.
    public var upstreams: [String: Int] = [:]

    public init(serverPort: Int, upstreams: [String: Int] = [:]) {
        self.serverPort = serverPort
        self.upstreams = upstreams
    }

    static func bareHost(_ host: String) -> String {
        var name = host.lowercased()
        if name.hasPrefix("["), let end = name.firstIndex(of: "]") { return String(name[...end]) }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        return name
    }

    public func port(for host: String) -> Int {
        let name = Self.bareHost(host)
        if let port = upstreams[name] { return port }
        // A host that names a loopback port (ECR's layer URLs) is reached as named.
        if ["127.0.0.1", "localhost"].contains(name), let port = host.split(separator: ":").last.flatMap({ Int($0) }) {
            return port
        }
        return serverPort
    }

    public func client(for host: String) -> LocalHTTPClient { LocalHTTPClient(port: port(for: host)) }
}
