import Foundation

/// What an instance does to get its role credentials: IMDSv2 token, then the role name, then
/// the role's credentials — here under `/_ebauth/instances/ID/latest/`.
public struct InstanceMetadataClient: Sendable {
    public let http: LocalHTTPClient
    public let instanceID: String

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public func roleCredentials() throws -> AWSCredentials {
        let base = "/_ebauth/instances/\(instanceID)/latest/"
        let token = try http.send(
            "PUT", base + "api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        guard token.status == 200 else {
            throw Failure(description: "IMDSv2 token request failed with \(token.status)")
        }
        let auth = [("X-aws-ec2-metadata-token", token.text)]
        let list = try http.send("GET", base + "meta-data/iam/security-credentials/", headers: auth)
        guard list.status == 200, let role = list.text.split(separator: "\n").first else {
            throw Failure(
                description: "the instance has no instance profile (security-credentials answered \(list.status))")
        }
        let reply = try http.send("GET", base + "meta-data/iam/security-credentials/\(role)", headers: auth)
        guard reply.status == 200,
            let document = try? JSONDecoder().decode(SecurityCredentials.self, from: Data(reply.body))
        else { throw Failure(description: "role credentials request failed with \(reply.status)") }
        guard document.Code == "Success", let key = document.AccessKeyId, let secret = document.SecretAccessKey
        else { throw Failure(description: document.Message ?? document.Code) }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: document.Token)
    }
}
