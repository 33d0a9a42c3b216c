import AWSCore
import Foundation
import HTTPServer
import Storage
import Synchronization
import TestSupport

@testable import IAM

/// One IAM module on fresh temporary state, called in-process (no sockets): the handlers
/// the router would call, the path routes, the credential store and the authorizer.
final class IAMWorld {
    let state: TestDatabase
    let clock = TestClock()
    let module = IAMModule()
    let environment: ServiceEnvironment
    let authorizer: PolicyAuthorizer
    let credentials: any CredentialStore
    let iam: QueryService
    let sts: QueryService
    let routes: [PathRoute]
    let enforce: Bool
    private var counter = 0

    static let account = "000000000000"
    static let root = CallerIdentity.root(accountID: account, accessKeyID: "test")

    init(enforceIAM: Bool = true) throws {
        enforce = enforceIAM
        state = try TestDatabase("iam", migrations: StorageSchema.migrations + IAMSchema.migrations)
        var environment = ServiceEnvironment(
            database: state.database, blobStore: state.blobStore, clock: clock.aws, authorizer: AllowAllAuthorizer(),
            credentials: DefaultCredentials(), enforceIAM: enforceIAM, defaultAccountID: Self.account,
            endpoint: { "http://127.0.0.1:4566" })
        let identity = try module.identity(environment)!
        environment.credentials = identity.credentials
        if enforceIAM { environment.authorizer = identity.authorizer }
        self.environment = environment
        authorizer = module.policyAuthorizer(environment)
        credentials = identity.credentials
        let handlers = try module.handlers(environment)
        iam = handlers[0] as! QueryService
        sts = handlers[1] as! QueryService
        routes = try module.pathRoutes(environment)
    }

    var database: Database { state.database }

    struct Reply {
        var status: Int
        var body: String
        var requestID: String

        /// The text of the first `<name>` element.
        func value(_ name: String) -> String? {
            guard let start = body.range(of: "<\(name)>"),
                let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex)
            else { return nil }
            return String(body[start.upperBound..<end.lowerBound])
        }

        func values(_ name: String) -> [String] {
            var result: [String] = []
            var rest = body[...]
            while let start = rest.range(of: "<\(name)>"),
                let end = rest.range(of: "</\(name)>", range: start.upperBound..<rest.endIndex)
            {
                result.append(String(rest[start.upperBound..<end.lowerBound]))
                rest = rest[end.upperBound...]
            }
            return result
        }

        var code: String? { value("Code") }
        var message: String? { value("Message") }
    }

    /// Calls an IAM or STS action as `caller`, rendering errors as the router would.
    func call(
        _ service: QueryService, _ action: String, _ parameters: [String: String] = [:],
        as caller: CallerIdentity = root
    )
        -> Reply
    {
        counter += 1
        let requestID = "req-\(counter)-\(action)"
        let http = HTTPRequest(method: "POST", target: "/", remoteAddress: "203.0.113.7:50000")
        // The facts as the router reads them from the request.
        let context = RequestContext(
            requestID: requestID, accountID: caller.accountID, region: "us-east-1", service: service.service.name,
            operation: action, caller: caller, clock: clock.aws, facts: RequestFacts(http))
        let items =
            [("Action", action), ("Version", service.service.apiVersion)] + parameters.sorted { $0.key < $1.key }
        let request = AWSRequest(
            http: http, body: .empty, parameters: QueryItems(items.map { (name: $0.0, value: $0.1) }),
            context: context)
        do {
            let response = try service.handle(request)
            guard case .bytes(let bytes) = response.body else {
                return Reply(status: response.status, body: "", requestID: requestID)
            }
            return Reply(status: response.status, body: String(decoding: bytes, as: UTF8.self), requestID: requestID)
        } catch {
            let rendered = ErrorRenderer.render(
                ErrorRenderer.awsError(for: error), protocol: .query, requestID: requestID,
                xmlNamespace: service.service.xmlNamespace)
            guard case .bytes(let bytes) = rendered.body else {
                return Reply(status: rendered.status, body: "", requestID: requestID)
            }
            return Reply(status: rendered.status, body: String(decoding: bytes, as: UTF8.self), requestID: requestID)
        }
    }

    func iam(_ action: String, _ parameters: [String: String] = [:], as caller: CallerIdentity = root) -> Reply {
        call(iam, action, parameters, as: caller)
    }

    func sts(_ action: String, _ parameters: [String: String] = [:], as caller: CallerIdentity = root) -> Reply {
        call(sts, action, parameters, as: caller)
    }

    /// Sends a request to the module's path routes (longest prefix wins, as in the router).
    func path(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") -> (
        status: Int, headers: HTTPHeaders, body: String
    ) {
        let request = HTTPRequest(
            method: method, target: target, headers: HTTPHeaders(headers),
            body: body.isEmpty ? .empty : .bytes(Array(body.utf8)))
        guard
            let route = routes.filter({ request.path.hasPrefix($0.prefix) || request.path + "/" == $0.prefix })
                .max(by: { $0.prefix.count < $1.prefix.count })
        else { return (404, HTTPHeaders(), "no route") }
        let response = route.responder.respond(to: request)
        guard case .bytes(let bytes) = response.body else { return (response.status, response.headers, "") }
        return (response.status, response.headers, String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Building a world

    static let ec2Trust =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    @discardableResult
    func role(_ name: String, trust: String = IAMWorld.ec2Trust, managed: [String] = [], inline: [String: String] = [:])
        -> String
    {
        let reply = iam("CreateRole", ["RoleName": name, "AssumeRolePolicyDocument": trust])
        precondition(reply.status == 200, reply.body)
        for arn in managed {
            precondition(iam("AttachRolePolicy", ["RoleName": name, "PolicyArn": arn]).status == 200)
        }
        for (policy, document) in inline {
            precondition(
                iam("PutRolePolicy", ["RoleName": name, "PolicyName": policy, "PolicyDocument": document]).status == 200
            )
        }
        return reply.value("Arn")!
    }

    /// A user with one access key; returns the identity the key signs as.
    func user(_ name: String, managed: [String] = [], inline: [String: String] = [:]) -> CallerIdentity {
        let reply = iam("CreateUser", ["UserName": name])
        precondition(reply.status == 200, reply.body)
        for arn in managed {
            precondition(iam("AttachUserPolicy", ["UserName": name, "PolicyArn": arn]).status == 200)
        }
        for (policy, document) in inline {
            precondition(
                iam("PutUserPolicy", ["UserName": name, "PolicyName": policy, "PolicyDocument": document]).status == 200
            )
        }
        let key = iam("CreateAccessKey", ["UserName": name]).value("AccessKeyId")!
        return credentials.credential(forAccessKey: key)!.identity
    }

    /// A session of `role` as the instance metadata service would mint it.
    func instanceSession(profile: String, role: String, instanceID: String = "i-0123456789abcdef0") -> CallerIdentity {
        precondition(iam("CreateInstanceProfile", ["InstanceProfileName": profile]).status == 200)
        precondition(iam("AddRoleToInstanceProfile", ["InstanceProfileName": profile, "RoleName": role]).status == 200)
        let registered = path(
            "POST", "/_ebauth/instance", body: #"{"instanceId":"\#(instanceID)","instanceProfileName":"\#(profile)"}"#)
        precondition(registered.status == 200, registered.body)
        let credentials = path("GET", "/latest/meta-data/iam/security-credentials/\(role)")
        let object = try! JSONSerialization.jsonObject(with: Data(credentials.body.utf8)) as! [String: String]
        return self.credentials.credential(forAccessKey: object["AccessKeyId"]!)!.identity
    }
}
