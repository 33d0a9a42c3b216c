import Foundation
import HTTPServer
import Registry

/// What a registry request carries, read once per request: nothing, something that is no
/// token of ours, or a token (not yet checked for expiry, region or permission).
enum ECRCredential: Sendable {
    case missing
    case invalid
    case token(TokenRecord)

    /// Clients send `Authorization: Basic base64(AWS:<password>)` on every request (EB-SPEC
    /// §B.5). Anything other than Basic, or Basic with nothing in it, counts as no credential.
    static func read(_ request: HTTPRequest, store: ECRStore) -> ECRCredential {
        guard let basic = BasicCredentials(request), !(basic.user.isEmpty && basic.password.isEmpty) else {
            return .missing
        }
        guard basic.user == "AWS", !basic.password.isEmpty,
            let token = (try? store.read { try $0.token(hash: AuthorizationPassword.hash(basic.password)) }) ?? nil
        else { return .invalid }
        return .token(token)
    }
}
