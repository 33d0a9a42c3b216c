import Foundation

/// `nextToken` of ECR's listings: which listing issued it and where the next page starts.
/// Opaque to clients (base64 JSON); anything that does not decode, or came from another
/// listing or repository, is `InvalidParameterException` (unverified wording).
struct ECRPageToken: Codable, Equatable {
    var listing: String
    var scope: String
    var offset: Int

    var encoded: String {
        ((try? JSONEncoder().encode(self)) ?? Data()).base64EncodedString()
    }

    static func decode(_ token: String?, listing: String, scope: String) throws(ECRError) -> Int {
        guard let token else { return 0 }
        guard let data = Data(base64Encoded: token),
            let decoded = try? JSONDecoder().decode(ECRPageToken.self, from: data),
            decoded.listing == listing, decoded.scope == scope, decoded.offset >= 0
        else {
            throw .invalidParameter(
                "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'")
        }
        return decoded.offset
    }

    /// One page of `items` from `offset`, and the token for the next, if any.
    static func page<T>(_ items: [T], offset: Int, limit: Int, listing: String, scope: String) -> ([T], String?) {
        let start = min(offset, items.count)
        let end = min(start + limit, items.count)
        let next = end < items.count ? ECRPageToken(listing: listing, scope: scope, offset: end).encoded : nil
        return (Array(items[start..<end]), next)
    }
}
