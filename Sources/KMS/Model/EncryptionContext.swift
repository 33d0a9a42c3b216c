/// The name–value pairs a service binds a ciphertext to, as KMS's `EncryptionContext`: the
/// ciphertext opens only under the same key and the same pairs.
///
/// Parameter Store passes `PARAMETER_ARN` (the parameter's ARN) and Secrets Manager `SecretARN`
/// and `SecretVersionId` (https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html,
/// "Parameter Store encryption context"; https://docs.aws.amazon.com/secretsmanager/latest/userguide/
/// security-encryption.html, "Secrets Manager encryption context").
public struct EncryptionContext: Sendable, Hashable {
    public var pairs: [String: String]

    public init(_ pairs: [String: String]) {
        self.pairs = pairs
    }

    /// Parameter Store's context for one parameter.
    public static func parameter(arn: String) -> EncryptionContext {
        EncryptionContext(["PARAMETER_ARN": arn])
    }

    /// Secrets Manager's context for one version of a secret.
    public static func secretVersion(arn: String, versionID: String) -> EncryptionContext {
        EncryptionContext(["SecretARN": arn, "SecretVersionId": versionID])
    }

    /// The condition keys KMS evaluates policies with (`kms:EncryptionContext:PARAMETER_ARN`, …).
    public var conditionValues: [String: [String]] {
        pairs.reduce(into: [:]) { $0["kms:EncryptionContext:" + $1.key] = [$1.value] }
    }

    /// The pairs in byte order of their names, so the same context always authenticates the same.
    var sorted: [(name: String, value: String)] {
        pairs.map { (name: $0.key, value: $0.value) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// The authenticated data of the current layout: each name and value with its length first,
    /// so that no two contexts encode alike.
    var authenticatedData: [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in sorted {
            for text in [name, value] {
                let utf8 = Array(text.utf8)
                withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes += $0 }
                bytes += utf8
            }
        }
        return bytes
    }
}
