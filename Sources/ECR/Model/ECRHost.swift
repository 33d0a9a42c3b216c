import Foundation
import Registry

/// Registry host names. Real ECR registries are `<account>.dkr.ecr.<region>.amazonaws.com`
/// (EB-SPEC §A.10 gives the pattern Beanstalk itself matches); ebauth also answers
/// `<account>.dkr.ecr.<region>.localhost`, which reaches loopback wherever `*.localhost`
/// resolves (systemd-resolved, curl) without an /etc/hosts entry. Either may carry a port.
enum ECRHost {
    /// The account and region a Host header names, or nil for any other host.
    static func parse(_ header: String?) -> ECRRegistry? {
        // Every registry request asks; most Hosts (`127.0.0.1:4566`, `quay.io`) have no `dkr`
        // label at all, found without lowercasing and splitting.
        guard let header, mayNameECR(header) else { return nil }
        return parseName(header)
    }

    /// `parse` without the quick check.
    static func parseName(_ header: String) -> ECRRegistry? {
        var host = HostName.trimmedLowercased(header)
        guard !host.isEmpty else { return nil }
        if let colon = host.lastIndex(of: ":"), !host.hasPrefix("[") { host = String(host[..<colon]) }
        if host.hasSuffix(".") { host.removeLast() }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 5, labels[1] == "dkr", labels[2] == "ecr" || labels[2] == "ecr-fips" else { return nil }
        let account = labels[0], region = labels[3]
        let suffix = labels[4...].joined(separator: ".")
        guard ["amazonaws.com", "amazonaws.com.cn", "localhost"].contains(suffix),
            account.utf8.count == 12, account.utf8.allSatisfy({ (48...57).contains($0) }),
            isRegionName(region)
        else { return nil }
        return ECRRegistry(accountID: account, region: region)
    }

    /// Whether `header` contains `dkr.` in any letter case, which every ECR host name does
    /// (non-ASCII text is left to the full parse, whose Unicode lowercasing may make one).
    static func mayNameECR(_ header: String) -> Bool {
        let bytes = Array(header.utf8)
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4)
        where bytes[index] | 0x20 == UInt8(ascii: "d") && bytes[index + 1] | 0x20 == UInt8(ascii: "k")
            && bytes[index + 2] | 0x20 == UInt8(ascii: "r") && bytes[index + 3] == UInt8(ascii: ".")
        {
            return true
        }
        return false
    }

    /// `us-east-1`, `cn-north-1`, `us-gov-west-1`: lowercase letters, digits and dashes.
    static func isRegionName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...25).contains(bytes.count) else { return false }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// The host ebauth gives out for a registry (`repositoryUri`, `proxyEndpoint`): real ECR's
    /// name with the server's port, `<account>.dkr.ecr.<region>.amazonaws.com:<port>`.
    ///
    /// Clients parse these: amazon-ecr-credential-helper refuses a `proxyEndpoint` whose host
    /// is not an ECR name ("Invalid ProxyEndpoint returned by ECR"), and Beanstalk recognises
    /// ECR images by the name. With the name mapped to 127.0.0.1 in /etc/hosts (the banner
    /// prints the line) the same string reaches this server, and docker treats it as a
    /// loopback registry it may speak plain HTTP to.
    static func advertisedName(_ registry: ECRRegistry, endpoint: String) -> String {
        let base = awsName(registry)
        guard let port = port(of: endpoint) else { return base }
        return "\(base):\(port)"
    }

    /// The port of the server's own endpoint (`http://127.0.0.1:5000`, `http://[::1]:5000`), read
    /// without URLComponents: tokens are minted per GetAuthorizationToken call.
    static func port(of endpoint: String) -> Int? {
        // By byte (Foundation's range(of:) was a twentieth of a GetAuthorizationToken's CPU);
        // anything but ASCII goes to URLComponents.
        let bytes = Array(endpoint.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }),
            let scheme = (0..<max(0, bytes.count - 2)).first(where: { bytes[$0..<($0 + 3)].elementsEqual("://".utf8) })
        else { return URLComponents(string: endpoint)?.port }
        let authority = bytes[(scheme + 3)...].prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#")
        }
        guard let colon = authority.lastIndex(of: UInt8(ascii: ":")), !authority[colon...].contains(UInt8(ascii: "]"))
        else { return nil }
        let digits = authority[(colon + 1)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return URLComponents(string: endpoint)?.port
        }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Real ECR's name for a registry, in the 401 challenge's realm.
    static func awsName(_ registry: ECRRegistry) -> String {
        "\(registry.accountID).dkr.ecr.\(registry.region).amazonaws.com"
    }
}
