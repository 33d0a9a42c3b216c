/// Reads a SigV4 signature out of an Authorization header or presigned query parameters.
public enum SigV4Parser {
    /// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`
    public static func parseHeader(_ authorization: String) throws(SigV4Error) -> SigV4Signature {
        guard authorization.hasPrefix(SigV4Signature.algorithm + " ") else {
            throw .unsupportedAlgorithm(authorization)
        }
        var fields: [String: String] = [:]
        let rest = authorization.dropFirst(SigV4Signature.algorithm.count + 1)
        for part in rest.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: " ")
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { fields[$0]?.isEmpty ?? true }
        guard missing.isEmpty else { throw .incompleteSignature(missing: missing, authorization: authorization) }
        guard let credential = SigV4Credential.parse(fields["Credential"]!) else {
            throw .malformedCredential(fields["Credential"]!)
        }
        return SigV4Signature(
            credential: credential, signedHeaders: fields["SignedHeaders"]!.split(separator: ";").map(String.init),
            signature: fields["Signature"]!, location: .header)
    }

    /// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Signature` in the query string.
    public static func parseQuery(_ query: QueryItems) throws(SigV4Error) -> SigV4Signature {
        let names = [
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Expires",
        ]
        guard names.allSatisfy({ !(query[$0] ?? "").isEmpty }) else { throw .presignedIncomplete }
        guard query["X-Amz-Algorithm"] == SigV4Signature.algorithm else {
            throw .unsupportedAlgorithm(query["X-Amz-Algorithm"]!)
        }
        guard let expires = Int(query["X-Amz-Expires"]!), expires >= 0 else { throw .invalidExpires }
        guard expires <= 604_800 else { throw .presignedExpiresTooLong }
        guard let credential = SigV4Credential.parse(query["X-Amz-Credential"]!) else {
            throw .malformedCredential(query["X-Amz-Credential"]!)
        }
        return SigV4Signature(
            credential: credential,
            signedHeaders: query["X-Amz-SignedHeaders"]!.split(separator: ";").map(String.init),
            signature: query["X-Amz-Signature"]!, location: .query(expires: expires))
    }

    /// Whether the query string carries a presigned signature at all.
    public static func isPresigned(_ query: QueryItems) -> Bool {
        query.contains("X-Amz-Signature") || query.contains("X-Amz-Credential") || query.contains("X-Amz-Algorithm")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var view = Substring(self)
        while view.first == set { view.removeFirst() }
        while view.last == set { view.removeLast() }
        return String(view)
    }
}
