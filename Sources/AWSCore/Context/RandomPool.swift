import Synchronization

/// Random bytes for request ids, drawn from the system generator 4 KiB at a time: asking it for
/// eight bytes at a time was two `getrandom` system calls per request. Request ids are not
/// secrets (they are echoed in every response), so buffering them costs no unpredictability that
/// matters; tokens and keys keep using the system generator directly.
final class RandomPool: Sendable {
    static let shared = RandomPool()

    private struct Buffer {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var used = 4096
    }

    private let buffer = Mutex(Buffer())

    func fill(_ out: UnsafeMutableRawBufferPointer) {
        buffer.withLock { pool in
            for index in 0..<out.count {
                if pool.used == pool.bytes.count {
                    // One `getrandom` for the whole buffer (the system generator asks per 8 bytes).
                    pool.bytes = SecureRandom.bytes(pool.bytes.count)
                    pool.used = 0
                }
                out[index] = pool.bytes[pool.used]
                pool.used += 1
            }
        }
    }
}
