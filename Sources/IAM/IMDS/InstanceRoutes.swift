import AWSCore
import Foundation
import HTTPServer

/// ebauth's own endpoints for emulated EC2 instances (not an AWS API):
///
/// - `POST /_ebauth/instance` registers an instance and makes it the one `/latest/` speaks for.
///   JSON body, every field optional: `instanceId` (default: a new `i-…`), `account`
///   (default 000000000000), `region` (us-east-1), `availabilityZone` (region + "a"),
///   `instanceProfileName` or `instanceProfileArn` (must exist), `httpTokens`
///   (`optional`, the default, accepts IMDSv1 and v2; `required` accepts only v2).
/// - `GET /_ebauth/instance`: the default instance; `GET /_ebauth/instances`: all of them.
/// - `GET|DELETE /_ebauth/instances/ID`; `/_ebauth/instances/ID/latest/…`: that instance's metadata.
struct InstanceRoutes: HTTPResponder {
    let store: IAMStore
    let metadata: InstanceMetadataService
    let endpoint: @Sendable () -> String
    let defaultAccountID: String

    struct Registration: Decodable {
        var instanceId: String?
        var account: String?
        var region: String?
        var availabilityZone: String?
        var instanceProfileName: String?
        var instanceProfileArn: String?
        var httpTokens: String?
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        if path == "/_ebauth/instance" {
            switch request.method {
            case "POST": return register(request)
            case "GET":
                guard let instance = try? store.read({ try $0.defaultInstance() }) else {
                    return json(404, ["error": "no instance is registered; POST /_ebauth/instance first"])
                }
                return json(200, describe(instance, isDefault: true))
            default: return json(405, ["error": "method \(request.method) not allowed"])
            }
        }
        if path == "/_ebauth/instances" || path == "/_ebauth/instances/" {
            guard request.method == "GET" else { return json(405, ["error": "method \(request.method) not allowed"]) }
            let all = (try? store.read { try $0.instances() }) ?? []
            return json(200, ["instances": all.enumerated().map { describe($1, isDefault: $0 == 0) }])
        }
        let prefix = "/_ebauth/instances/"
        guard path.hasPrefix(prefix) else { return json(404, ["error": "no such ebauth endpoint: \(path)"]) }
        let rest = path.dropFirst(prefix.count)
        let id = String(rest.prefix { $0 != "/" })
        let tail = rest.dropFirst(id.count)
        if tail.hasPrefix("/latest/") || tail == "/latest" {
            return metadata.respond(to: request, path: String(tail.dropFirst("/latest/".count)), instanceID: id)
        }
        guard tail.isEmpty || tail == "/" else { return json(404, ["error": "no such ebauth endpoint: \(path)"]) }
        switch request.method {
        case "GET":
            guard let instance = try? store.read({ try $0.instance(id) }) else {
                return json(404, ["error": "no instance \(id)"])
            }
            let isDefault = (try? store.read { try $0.defaultInstance() })??.instanceID == id
            return json(200, describe(instance, isDefault: isDefault))
        case "DELETE":
            let deleted = (try? store.write { try $0.deleteInstance(id) }) ?? false
            return deleted ? json(200, ["deleted": id]) : json(404, ["error": "no instance \(id)"])
        default:
            return json(405, ["error": "method \(request.method) not allowed"])
        }
    }

    private func register(_ request: HTTPRequest) -> HTTPResponse {
        let body = (try? request.body.readAll()) ?? []
        let input: Registration
        do {
            input = try JSONDecoder().decode(Registration.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            return json(400, ["error": "the body must be a JSON object: \(error)"])
        }
        let account = input.account ?? defaultAccountID
        guard account.count == 12, account.allSatisfy(\.isNumber) else {
            return json(400, ["error": "account must be 12 digits"])
        }
        let region = input.region ?? "us-east-1"
        let tokens = input.httpTokens ?? "optional"
        guard tokens == "optional" || tokens == "required" else {
            return json(400, ["error": "httpTokens must be optional or required"])
        }
        let instanceID = input.instanceId ?? IAMIdentifiers.instanceID()
        guard instanceID.hasPrefix("i-"), instanceID.count > 2, !instanceID.contains("/") else {
            return json(400, ["error": "instanceId must look like i-0123456789abcdef0"])
        }
        var profileARN: String?
        if let arn = input.instanceProfileArn {
            guard let parsed = IAMARN.parse(arn), parsed.kind == "instance-profile" else {
                return json(400, ["error": "instanceProfileArn \(arn) is not an instance profile ARN"])
            }
            profileARN = arn
        } else if let name = input.instanceProfileName {
            guard let profile = try? store.read({ try $0.instanceProfile(account: account, name: name) }) else {
                return json(400, ["error": "instance profile \(name) does not exist in account \(account)"])
            }
            profileARN = profile.arn
        }
        if let profileARN, let parsed = IAMARN.parse(profileARN) {
            // As EC2 refuses to launch with a profile that does not exist.
            guard (try? store.read({ try $0.instanceProfile(account: parsed.account, name: parsed.name) })) != nil
            else {
                return json(400, ["error": "instance profile \(profileARN) does not exist"])
            }
        }
        let instance = EC2Instance(
            instanceID: instanceID, accountID: account, region: region,
            availabilityZone: input.availabilityZone ?? region + "a", instanceProfileARN: profileARN, httpTokens: tokens
        )
        do {
            try store.write { try $0.register(instance) }
        } catch {
            return json(500, ["error": "could not register the instance"])
        }
        return json(200, describe(instance, isDefault: true))
    }

    private func describe(_ instance: EC2Instance, isDefault: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "instanceId": instance.instanceID, "account": instance.accountID, "region": instance.region,
            "availabilityZone": instance.availabilityZone, "httpTokens": instance.httpTokens, "default": isDefault,
            "metadataEndpoint": "\(endpoint())/_ebauth/instances/\(instance.instanceID)/",
        ]
        if let arn = instance.instanceProfileARN { object["instanceProfileArn"] = arn }
        return object
    }

    private func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return HTTPResponse(status: status, headers: headers, bytes: Array(data))
    }
}

/// `GET /_ebauth/decisions?requestId=…`: why each authorization of that request was allowed or
/// denied. Without `requestId`, the latest decisions (`limit`, default 50), newest first.
struct DecisionRoute: HTTPResponder {
    let decisions: DecisionLog

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        guard request.method == "GET", request.path == "/_ebauth/decisions" || request.path == "/_ebauth/decisions/"
        else {
            return HTTPResponse(
                status: request.method == "GET" ? 404 : 405, headers: headers,
                text: #"{"error":"use GET /_ebauth/decisions?requestId=ID"}"#)
        }
        let query = QueryItems(parsing: request.query)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        struct Answer: Encodable {
            var requestId: String?
            var decisions: [Decision]
        }
        let answer: Answer
        if let id = query["requestId"] {
            answer = Answer(requestId: id, decisions: decisions.decisions(requestID: id))
        } else {
            let limit = query["limit"].flatMap(Int.init).map { max(1, min($0, 1000)) } ?? 50
            answer = Answer(requestId: nil, decisions: decisions.recent(limit))
        }
        let data = (try? encoder.encode(answer)) ?? Data()
        let status = answer.requestId != nil && answer.decisions.isEmpty ? 404 : 200
        return HTTPResponse(status: status, headers: headers, bytes: Array(data))
    }
}
