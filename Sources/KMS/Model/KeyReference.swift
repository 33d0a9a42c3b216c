import Foundation

/// What a `KeyId` names, read as KMS reads it: a key ID, a key ARN, an alias name or an alias ARN.
enum KeyReference: Equatable {
    case keyID(String)
    case alias(String)

    /// Nil for anything else (a malformed value, or an ARN of another account or region).
    init?(_ keyID: String, in scope: KMSScope) {
        let prefix = scope.arnPrefix
        if keyID.hasPrefix("alias/") {
            self = .alias(keyID)
        } else if keyID.hasPrefix(prefix + "alias/") {
            self = .alias(String(keyID.dropFirst(prefix.count)))
        } else if keyID.hasPrefix(prefix + "key/") {
            self = .keyID(String(keyID.dropFirst(prefix.count + 4)))
        } else if UUID(uuidString: keyID) != nil {
            self = .keyID(keyID.lowercased())
        } else {
            return nil
        }
    }

    /// KMS's `NotFoundException` text for a `KeyId` it cannot resolve. The key form is real
    /// (`Key 'arn:…:key/…' does not exist`, as SSM passes it on); the alias and malformed forms
    /// follow KMS's own texts and are unverified through SSM.
    static func notFound(_ keyID: String, in scope: KMSScope) -> KMSError {
        let prefix = scope.arnPrefix
        let detail: String
        if keyID.hasPrefix("alias/") {
            detail = "Alias \(prefix)\(keyID) is not found."
        } else if keyID.hasPrefix("arn:aws:kms:") && keyID.contains(":alias/") {
            detail = "Alias \(keyID) is not found."
        } else if keyID.hasPrefix("arn:aws:kms:") {
            detail = "Key '\(keyID)' does not exist"
        } else if UUID(uuidString: keyID) != nil {
            detail = "Key '\(prefix)key/\(keyID.lowercased())' does not exist"
        } else {
            detail = "Invalid keyId '\(keyID)'"
        }
        return .notFound(detail)
    }
}
