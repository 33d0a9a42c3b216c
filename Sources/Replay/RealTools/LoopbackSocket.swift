import Foundation

/// A TCP socket bound to 127.0.0.1: the router's listener, or a probe for a free port.
enum LoopbackSocket {
    /// Binds 127.0.0.1:`port` (0: the kernel picks) and, given a backlog, listens (with
    /// SO_REUSEADDR, so a router can take its port again at once). Returns the descriptor and
    /// the bound port; the caller closes the descriptor. Errors name `purpose`.
    static func open(port requested: Int = 0, listen backlog: Int32? = nil, purpose: String) throws -> (
        fd: Int32, port: Int
    ) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else {
            throw Subprocess.LaunchError(description: "\(purpose) socket: \(String(cString: strerror(errno)))")
        }
        if backlog != nil {
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(requested).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && (backlog.map { listen(fd, $0) == 0 } ?? true)
                    && getsockname(fd, pointer, &length) == 0
            }
        }
        guard ok else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Subprocess.LaunchError(description: "\(purpose) bind 127.0.0.1:\(requested): \(reason)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
