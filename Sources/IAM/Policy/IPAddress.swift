/// An IPv4 or IPv6 address as 16 bytes (IPv4 mapped), for `IpAddress` conditions.
struct IPAddress: Equatable {
    var bytes: [UInt8]
    var isV4: Bool

    init?(_ text: String) {
        if let v4 = Self.parseV4(text) {
            bytes = v4
            isV4 = true
        } else if let v6 = Self.parseV6(text) {
            bytes = v6
            isV4 = false
        } else {
            return nil
        }
    }

    static func parseV4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseV6(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}

/// `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a /32 or /128).
struct CIDR {
    var network: IPAddress
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let maximum = address.isV4 ? 32 : 128
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...maximum).contains(length) else { return nil }
            prefix = length
        } else {
            prefix = maximum
        }
        network = address
    }

    func contains(_ address: IPAddress) -> Bool {
        guard address.isV4 == network.isV4 else { return false }
        var remaining = prefix
        for index in network.bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if network.bytes[index] & mask != address.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
