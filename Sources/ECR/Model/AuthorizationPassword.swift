import AWSCore
import Crypto
import Foundation

/// The password of an ECR authorization token (`authorizationToken` is base64 of
/// `AWS:<password>`; `aws ecr get-login-password` prints the password).
///
/// Real ECR's password is itself base64 of a JSON blob with `payload`, `datakey`, `version`,
/// `type` and an `expiration` epoch (EB-SPEC §B.2); tools read that field to see when a login
/// goes stale. ebauth's has the same outer shape; its `payload` is 32 random bytes and the
/// password is stored only as a SHA-256 hash, bound to who asked, the account and the region.
enum AuthorizationPassword {
    struct Blob: Codable {
        var payload: String
        var datakey: String
        var version: String
        var type: String
        var expiration: Int64
    }

    /// A new password expiring at `expiresAt`.
    static func mint(expiresAt: Date) -> String {
        // One read of the kernel's generator for both values (it was one system call per byte).
        let random = SecureRandom.bytes(48)
        let blob = Blob(
            payload: Data(random[0..<32]).base64EncodedString(), datakey: Data(random[32..<48]).base64EncodedString(),
            version: "2", type: "DATA_KEY", expiration: Int64(expiresAt.timeIntervalSince1970.rounded(.down)))
        return Data(json(blob).utf8).base64EncodedString()
    }

    /// The blob as JSONEncoder writes it with sorted keys (slashes escaped), written by hand
    /// because a token is minted per GetAuthorizationToken call.
    static func json(_ blob: Blob) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        func quoted(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for byte in text.utf8 {  // base64 and fixed ASCII words only
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out += [UInt8(ascii: "\\"), byte]
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out += #"{"datakey":"#.utf8
        quoted(blob.datakey)
        out += #","expiration":"#.utf8
        out += String(blob.expiration).utf8
        out += #","payload":"#.utf8
        quoted(blob.payload)
        out += #","type":"#.utf8
        quoted(blob.type)
        out += #","version":"#.utf8
        quoted(blob.version)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// What the store keys tokens by; the password itself is never stored or logged.
    static func hash(_ password: String) -> String {
        Hex.encode(SHA256.hash(data: Array(password.utf8)))
    }

    /// `authorizationToken`: base64 of `AWS:<password>`.
    static func authorizationToken(_ password: String) -> String {
        Data("AWS:\(password)".utf8).base64EncodedString()
    }
}
