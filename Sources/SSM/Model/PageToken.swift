import Foundation

/// The `NextToken` of a listing: where the next page starts. Opaque to clients (base64 of a
/// small JSON object); anything that does not decode is `InvalidNextToken`.
struct PageToken: Codable, Equatable, Sendable {
    /// Which listing issued it, so a token cannot be replayed against another operation.
    var listing: String
    /// The last parameter key (or version number, as text) of the previous page.
    var after: String

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
    }

    static func decode(_ token: String?, listing: String) throws(SSMError) -> PageToken? {
        guard let token else { return nil }
        guard let data = Data(base64Encoded: token),
            let decoded = try? JSONDecoder().decode(PageToken.self, from: data), decoded.listing == listing
        else { throw .invalidNextToken }
        return decoded
    }
}
