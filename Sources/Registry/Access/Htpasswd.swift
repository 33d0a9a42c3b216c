import CCrypt
import Crypto
import Foundation
import Synchronization

/// bcrypt password hashes as `htpasswd -B` writes them, checked with libcrypt (registry:2's
/// htpasswd auth accepts bcrypt only, and so do we).
public enum Htpasswd {
    /// `user:hash` lines; blank lines and `#` comments are skipped. Throws for a line that is not
    /// `user:$2y$…` (or `$2a$`/`$2b$`).
    public static func parse(_ text: String) throws -> [(user: String, hash: String)] {
        var entries: [(String, String)] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { throw HtpasswdError.malformedLine }
            let user = String(line[..<colon])
            let hash = String(line[line.index(after: colon)...])
            guard !user.isEmpty else { throw HtpasswdError.malformedLine }
            guard isBcrypt(hash) else { throw HtpasswdError.notBcrypt(user: user) }
            entries.append((user, hash))
        }
        return entries
    }

    public static func isBcrypt(_ hash: String) -> Bool {
        (hash.hasPrefix("$2y$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2a$")) && hash.utf8.count == 60
    }

    /// A new `$2y$` hash of `password` (cost 5, htpasswd's default).
    public static func hash(_ password: String, cost: Int = 5) throws -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        guard ebauth_crypt_bcrypt(password, Int32(cost), &buffer, buffer.count) == 1 else {
            throw HtpasswdError.hashingFailed
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches `hash`. Each check costs a bcrypt computation, and clients send
    /// Basic credentials on every request, so successful checks are remembered by a SHA-256 of
    /// hash and password (never the password itself) for the life of the process.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard isBcrypt(hash) else { return false }
        let key = Hex.encode(SHA256.hash(data: Array((hash + "\u{0}" + password).utf8)))
        if verified.withLock({ $0.contains(key) }) { return true }
        guard ebauth_crypt_verify(password, hash) == 1 else { return false }
        verified.withLock { set in
            if set.count > 10_000 { set.removeAll() }
            set.insert(key)
        }
        return true
    }

    private static let verified = Mutex<Set<String>>([])
}

public enum HtpasswdError: Error, Equatable, CustomStringConvertible {
    case malformedLine
    case notBcrypt(user: String)
    case hashingFailed

    public var description: String {
        switch self {
        case .malformedLine: "an htpasswd line must be user:hash"
        case .notBcrypt(let user):
            "the htpasswd entry for \(user) is not a bcrypt hash ($2y$, $2b$ or $2a$); registry:2 accepts bcrypt only"
        case .hashingFailed: "libcrypt could not compute a bcrypt hash"
        }
    }
}
