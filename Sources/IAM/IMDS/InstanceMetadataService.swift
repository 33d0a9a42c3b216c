import AWSCore
import Foundation
import HTTPServer
import Logging

/// The EC2 instance metadata service (IMDSv1 and IMDSv2) for the instances registered with
/// `POST /_ebauth/instance`: `/latest/` speaks for the instance registered last, and
/// `/_ebauth/instances/ID/latest/` for a given one (SDKs accept an endpoint with a path, so
/// several emulated instances can run side by side).
///
/// Paths and answers follow https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-categories.html.
struct InstanceMetadataService: Sendable {
    let store: IAMStore
    let sts: STSBackend
    let tokens: IMDSTokens
    let clock: AWSClock
    let logger: Logger

    static let tokenHeader = "x-aws-ec2-metadata-token"
    static let ttlHeader = "x-aws-ec2-metadata-token-ttl-seconds"

    /// Answers `path` (what follows `/latest/`) for `instanceID`, or for the default instance.
    func respond(to request: HTTPRequest, path: String, instanceID: String?) -> HTTPResponse {
        let now = clock.now()
        let instance: EC2Instance?
        do {
            instance = try store.read { tables in
                try instanceID.map { try tables.instance($0) } ?? tables.defaultInstance()
            }
        } catch {
            return text(500, "Internal Server Error")
        }
        if path == "api/token" {
            guard request.method == "PUT" else { return notFound(405) }
            // IMDS refuses token requests that went through a proxy.
            if request.headers["x-forwarded-for"] != nil { return notFound(403) }
            guard let ttlText = request.headers[Self.ttlHeader], let ttl = Int(ttlText), (1...21600).contains(ttl)
            else {
                return notFound(400)
            }
            guard let instance else { return notFound(404) }
            let token = tokens.issue(instanceID: instance.instanceID, ttl: ttl, now: now)
            var response = text(200, token)
            response.headers.add(Self.ttlHeader, String(ttl))
            return response
        }
        guard request.method == "GET" || request.method == "HEAD" else { return notFound(405) }
        guard let instance else { return notFound(404) }
        if let token = request.headers[Self.tokenHeader] {
            guard tokens.isValid(token, instanceID: instance.instanceID, now: now) else { return notFound(401) }
        } else if instance.httpTokens == "required" {
            return notFound(401)
        }
        return metadata(path, instance: instance)
    }

    private func metadata(_ path: String, instance: EC2Instance) -> HTTPResponse {
        let hasProfile = instance.instanceProfileARN != nil
        switch path {
        case "", "/":
            return text(200, "dynamic\nmeta-data")
        case "meta-data", "meta-data/":
            return text(200, ((hasProfile ? ["iam/"] : []) + ["instance-id", "placement/"]).joined(separator: "\n"))
        case "meta-data/instance-id":
            return text(200, instance.instanceID)
        case "meta-data/placement", "meta-data/placement/":
            return text(200, "availability-zone\nregion")
        case "meta-data/placement/region":
            return text(200, instance.region)
        case "meta-data/placement/availability-zone":
            return text(200, instance.availabilityZone)
        case "dynamic/instance-identity/document":
            return json([
                "accountId": instance.accountID, "availabilityZone": instance.availabilityZone,
                "instanceId": instance.instanceID, "region": instance.region,
            ])
        default:
            break
        }
        guard hasProfile, path.hasPrefix("meta-data/iam") else { return notFound(404) }
        switch path {
        case "meta-data/iam", "meta-data/iam/":
            return text(200, "info\nsecurity-credentials/")
        case "meta-data/iam/info":
            guard let profile = try? profileFacts(instance) else { return notFound(404) }
            return json([
                "Code": "Success", "LastUpdated": IAMDate.iso8601(clock.now()),
                "InstanceProfileArn": profile.arn, "InstanceProfileId": profile.instanceProfileID,
            ])
        default:
            break
        }
        let prefix = "meta-data/iam/security-credentials"
        guard path.hasPrefix(prefix) else { return notFound(404) }
        let roleName = path.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let requestID = UUID().uuidString.lowercased()
        switch sts.instanceCredentials(instance, requestID: requestID) {
        case .none:
            return notFound(404)
        case .unauthorized(let role):
            logger.info(
                "instance metadata: EC2 cannot assume role \(role) for \(instance.instanceID)",
                metadata: ["request-id": "\(requestID)"])
            if roleName.isEmpty { return text(200, role) }
            guard roleName == role else { return notFound(404) }
            return json([
                "Code": "AssumeRoleUnauthorizedAccess",
                "Message":
                    "EC2 cannot assume the role \(role). Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_iam-ec2_errors-info-doc.",
                "LastUpdated": IAMDate.iso8601(clock.now()),
            ])
        case .issued(let session):
            if roleName.isEmpty { return text(200, session.roleName) }
            guard roleName == session.roleName else { return notFound(404) }
            logger.debug(
                "instance metadata: credentials \(session.accessKeyID) for \(session.arn) until \(IAMDate.iso8601(session.expiresAt))"
            )
            return json([
                "Code": "Success", "LastUpdated": IAMDate.iso8601(session.createdAt), "Type": "AWS-HMAC",
                "AccessKeyId": session.accessKeyID, "SecretAccessKey": session.secretAccessKey,
                "Token": session.sessionToken, "Expiration": IAMDate.iso8601(session.expiresAt),
            ])
        }
    }

    private func profileFacts(_ instance: EC2Instance) throws -> InstanceProfile? {
        guard let arn = instance.instanceProfileARN, let parsed = IAMARN.parse(arn) else { return nil }
        return try store.read { try $0.instanceProfile(account: parsed.account, name: parsed.name) }
    }

    private func text(_ status: Int, _ body: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain")
        return HTTPResponse(status: status, headers: headers, text: body)
    }

    /// JSON as IMDS writes it: keys in its order, `"Key" : "Value"`, slashes unescaped.
    private func json(_ pairs: KeyValuePairs<String, String>) -> HTTPResponse {
        func quoted(_ text: String) -> String {
            let data = try? JSONSerialization.data(
                withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        let body = "{\n" + pairs.map { "  \(quoted($0.key)) : \(quoted($0.value))" }.joined(separator: ",\n") + "\n}"
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/plain")
        return HTTPResponse(status: 200, headers: headers, text: body)
    }

    /// The HTML error page IMDS sends, e.g. for a path that does not exist.
    private func notFound(_ status: Int) -> HTTPResponse {
        let reason = HTTPStatus.reason(status)
        var headers = HTTPHeaders()
        headers.add("Content-Type", "text/html")
        let page = """
            <?xml version="1.0" encoding="iso-8859-1"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
            \t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
             <head>
              <title>\(status) - \(reason)</title>
             </head>
             <body>
              <h1>\(status) - \(reason)</h1>
             </body>
            </html>

            """
        return HTTPResponse(status: status, headers: headers, text: page)
    }
}

/// `/latest/…`: the default instance.
struct MetadataRoute: HTTPResponder {
    let service: InstanceMetadataService

    func respond(to request: HTTPRequest) -> HTTPResponse {
        service.respond(to: request, path: String(request.path.dropFirst("/latest/".count)), instanceID: nil)
    }
}
