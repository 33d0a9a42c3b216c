import HTTPServer

/// What a request says about where it came from, for IAM's global condition keys
/// (`aws:SourceIp`, `aws:SecureTransport`, `aws:UserAgent`, `aws:Referer`). The router fills
/// it once per request, so no service passes these facts along by hand.
public struct RequestFacts: Sendable, Equatable {
    /// The caller's address without the port; nil when the transport gave none.
    public var sourceIP: String?
    /// Whether the request came over TLS. ebauth serves plain HTTP, so false for now.
    public var secureTransport: Bool
    public var userAgent: String?
    public var referer: String?

    public init(
        sourceIP: String? = nil, secureTransport: Bool = false, userAgent: String? = nil, referer: String? = nil
    ) {
        self.sourceIP = sourceIP
        self.secureTransport = secureTransport
        self.userAgent = userAgent
        self.referer = referer
    }

    /// The facts of `request` as it arrived on the socket.
    public init(_ request: HTTPRequest) {
        self.init(
            sourceIP: Self.address(peer: request.remoteAddress), secureTransport: false,
            userAgent: request.headers["user-agent"], referer: request.headers["referer"])
    }

    /// `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` → `::1`.
    static func address(peer: String) -> String? {
        guard !peer.isEmpty else { return nil }
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        if let colon = peer.lastIndex(of: ":") { return String(peer[..<colon]) }
        return peer
    }
}
