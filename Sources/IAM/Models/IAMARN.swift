/// ARNs of IAM and STS entities (IAM is global: no region in its ARNs).
enum IAMARN {
    static func root(account: String) -> String { "arn:aws:iam::\(account):root" }

    static func user(account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):user\(path)\(name)"
    }

    static func role(account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):role\(path)\(name)"
    }

    static func instanceProfile(account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):instance-profile\(path)\(name)"
    }

    static func policy(account: String, path: String, name: String) -> String {
        "arn:aws:iam::\(account):policy\(path)\(name)"
    }

    static func assumedRole(account: String, role: String, session: String) -> String {
        "arn:aws:sts::\(account):assumed-role/\(role)/\(session)"
    }

    private static let assumedRoleMarker = Array(":assumed-role/".utf8)

    /// `(role, session)` of `arn:aws:sts::A:assumed-role/ROLE/SESSION`.
    /// Read on every request of a role session, so searched on the bytes, without Foundation.
    static func assumedRoleParts(_ arn: String) -> (String, String)? {
        var arn = arn
        return arn.withUTF8 { bytes -> (String, String)? in
            let marker = assumedRoleMarker
            var at = 0
            while at + marker.count <= bytes.count {
                var matched = 0
                while matched < marker.count && bytes[at + matched] == marker[matched] { matched += 1 }
                if matched == marker.count { break }
                at += 1
            }
            guard at + marker.count <= bytes.count else { return nil }
            let rest = bytes[(at + marker.count)...]
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let role = rest[..<slash]
            let session = rest[(slash + 1)...]
            guard !role.isEmpty, !session.isEmpty else { return nil }
            return (String(decoding: role, as: UTF8.self), String(decoding: session, as: UTF8.self))
        }
    }

    /// The account of `arn:aws:SERVICE:REGION:ACCOUNT:…`, if it has one.
    static func account(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        return String(parts[4])
    }

    /// `(account, kind, path, name)` of an IAM ARN such as `arn:aws:iam::A:policy/path/name`.
    static func parse(_ arn: String) -> (account: String, kind: String, path: String, name: String)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == "aws", parts[2] == "iam", parts[3].isEmpty else {
            return nil
        }
        let resource = parts[5]
        guard let slash = resource.firstIndex(of: "/"), let last = resource.lastIndex(of: "/") else { return nil }
        let name = resource[resource.index(after: last)...]
        guard !name.isEmpty else { return nil }
        return (String(parts[4]), String(resource[..<slash]), String(resource[slash...last]), String(name))
    }

    static func lastComponent(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }
}
