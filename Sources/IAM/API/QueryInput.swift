import AWSCore

/// Reads query-protocol parameters: scalars, and lists flattened as `Tags.member.1.Key`.
struct QueryInput {
    let parameters: QueryItems

    init(_ request: AWSRequest) {
        parameters = request.parameters
    }

    subscript(name: String) -> String? { parameters[name] }

    func int(_ name: String) throws(IAMError) -> Int? {
        guard let text = parameters[name] else { return nil }
        guard let value = Int(text) else {
            throw IAMError.constraint(
                text, member: name.prefix(1).lowercased() + name.dropFirst(), "Member must be a number")
        }
        return value
    }

    func bool(_ name: String) -> Bool {
        parameters[name]?.lowercased() == "true"
    }

    /// `Name.member.N` values in N order.
    func list(_ name: String) -> [String] {
        members(name).compactMap { $0[""] }
    }

    /// `Tags.member.N.Key` / `.Value` as tags.
    func tags(_ name: String = "Tags") -> [IAMTag] {
        members(name).compactMap { fields in
            guard let key = fields["Key"] else { return nil }
            return IAMTag(Key: key, Value: fields["Value"] ?? "")
        }
    }

    /// Each `Name.member.N[.Field]` group as `[Field: value]` (the empty field for scalar members).
    private func members(_ name: String) -> [[String: String]] {
        let prefix = "\(name).member."
        var groups: [Int: [String: String]] = [:]
        for (key, value) in parameters.items where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            let parts = rest.split(separator: ".", maxSplits: 1)
            guard let index = Int(parts[0]) else { continue }
            groups[index, default: [:]][parts.count == 2 ? String(parts[1]) : ""] = value
        }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The caller's IP address without the port, for `aws:SourceIp`.
    static func sourceIP(_ request: AWSRequest) -> String? {
        let peer = request.http.remoteAddress
        guard !peer.isEmpty else { return nil }
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        if let colon = peer.lastIndex(of: ":") { return String(peer[..<colon]) }
        return peer
    }
}
