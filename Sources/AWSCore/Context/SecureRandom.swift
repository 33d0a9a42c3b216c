import CSystemShims

/// Bytes for secrets (ECR passwords, tokens), read from the kernel's generator in one call
/// rather than through `SystemRandomNumberGenerator`'s system call per eight bytes.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let filled = bytes.withUnsafeMutableBytes { ebauth_random_bytes($0.baseAddress, count) == 0 }
        if !filled {
            var generator = SystemRandomNumberGenerator()
            for index in 0..<count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        }
        return bytes
    }
}
