import HTTPServer

/// What a request says about where it came from, for IAM's global condition keys
/// (`aws:SourceIp`, `aws:SecureTransport`, `aws:UserAgent`, `aws:Referer`). The router fills
/// it once per request, so no service passes these facts along by hand.
///
/// Facts taken from a request keep the peer address and the headers as they came (two
/// retains) and read the source IP, user agent and referer only when a condition asks: most
/// requests are decided by policies without such conditions, and cutting the address and
/// looking up the headers up front cost every GetParameter about 3,500 instructions.
public struct RequestFacts: Sendable, Equatable {
    private enum Origin: Sendable {
        case given(sourceIP: String?, userAgent: String?, referer: String?)
        case request(peer: String, headers: HTTPHeaders)
    }

    private let origin: Origin
    /// Whether the request came over TLS. ebauth serves plain HTTP, so false for now.
    public let secureTransport: Bool

    public init(
        sourceIP: String? = nil, secureTransport: Bool = false, userAgent: String? = nil, referer: String? = nil
    ) {
        origin = .given(sourceIP: sourceIP, userAgent: userAgent, referer: referer)
        self.secureTransport = secureTransport
    }

    /// The facts of `request` as it arrived on the socket.
    public init(_ request: HTTPRequest) {
        origin = .request(peer: request.remoteAddress, headers: request.headers)
        secureTransport = false
    }

    /// The caller's address without the port; nil when the transport gave none.
    public var sourceIP: String? {
        switch origin {
        case .given(let sourceIP, _, _): sourceIP
        case .request(let peer, _): Self.address(peer: peer)
        }
    }

    public var userAgent: String? {
        switch origin {
        case .given(_, let userAgent, _): userAgent
        case .request(_, let headers): headers["user-agent"]
        }
    }

    public var referer: String? {
        switch origin {
        case .given(_, _, let referer): referer
        case .request(_, let headers): headers["referer"]
        }
    }

    /// Equal when a policy would see the same values, however they were gathered.
    public static func == (lhs: RequestFacts, rhs: RequestFacts) -> Bool {
        lhs.secureTransport == rhs.secureTransport && lhs.sourceIP == rhs.sourceIP && lhs.userAgent == rhs.userAgent
            && lhs.referer == rhs.referer
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
