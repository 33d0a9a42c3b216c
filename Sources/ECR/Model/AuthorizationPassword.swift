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
        var random = SystemRandomNumberGenerator()
        func bytes(_ count: Int) -> String {
            Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString()
        }
        let blob = Blob(
            payload: bytes(32), datakey: bytes(16), version: "2", type: "DATA_KEY",
            expiration: Int64(expiresAt.timeIntervalSince1970.rounded(.down)))
        return Data(json(blob).utf8).base64EncodedString()
    }

    /// The blob as JSONEncoder writes it with sorted keys (slashes escaped), written by hand
    /// because a token is minted per GetAuthorizationToken call.
    static func json(_ blob: Blob) -> String {
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "/": out += "\\/"
                default: out.unicodeScalars.append(scalar)  // base64 and fixed ASCII words only
                }
            }
            return out + "\""
        }
        return "{\"datakey\":\(quoted(blob.datakey)),\"expiration\":\(blob.expiration),\"payload\":\(quoted(blob.payload)),"
            + "\"type\":\(quoted(blob.type)),\"version\":\(quoted(blob.version))}"
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
