import Foundation
import Registry
import TestSupport

extension ECRWorld: LoopbackTarget {}

extension HTTPTestTarget {
    /// The header `docker login -u AWS` sends.
    func basic(_ password: String) -> (String, String) {
        ("Authorization", BasicCredentials(user: "AWS", password: password).headerValue)
    }

    /// A registry password from GetAuthorizationToken over the wire, as `aws ecr get-login-password`
    /// asks for it (unsigned: the default account in us-east-1).
    func loginPassword() throws -> String {
        let response = try send(
            "POST", "/",
            headers: [
                ("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"),
                ("Content-Type", "application/x-amz-json-1.1"),
            ],
            body: Array("{}".utf8))
        guard response.status == 200,
            let data = try response.jsonObject()["authorizationData"] as? [[String: Any]],
            let token = data.first?["authorizationToken"] as? String, let decoded = Data(base64Encoded: token)
        else { throw TestFailure("GetAuthorizationToken: \(response.status) \(response.text)") }
        return String(String(decoding: decoded, as: UTF8.self).dropFirst("AWS:".count))
    }
}
