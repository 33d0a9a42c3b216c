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
        guard var host = header.map(trimmedLowercased), !host.isEmpty else { return [] }
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

    /// Trimmed of whitespace and lowercased; ASCII (every real Host header) by byte, as this runs
    /// per registry request, anything else through Foundation's whitespace set.
    public static func trimmedLowercased(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces).lowercased() }
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = utf8.startIndex, end = utf8.endIndex
        while start != end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start != end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(decoding: utf8[start..<end].lazy.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
