import Beanstalk
import Foundation

/// A service the scenario needs that this build of ebauth does not serve (it answered 501 or
/// does not know the operation): the scenario is skipped, not failed.
public struct ServiceUnavailable: Error, CustomStringConvertible, Sendable {
    public let service: String
    public var description: String { "\(service) not available" }
}

/// The seeded world: who the instance is and who deploys.
public struct SeededWorld: Sendable {
    public var instanceID: String
    public var deployer: AWSCredentials
    public var deployerARN: String
}

/// Seeds a scenario's AWS world into a running mock through the public APIs only (IAM query
/// API, SSM JSON API, S3 REST, the registry admin API), as the account's root would.
public struct WorldSeeder {
    public let http: LocalHTTPClient
    public let scenario: Scenario
    public let scenarioFolder: String
    /// Registry hosts a real registry serves instead of ebauth (`--registry process|container`).
    public var realRegistryHosts: Set<String> = []

    var root: AWSClient {
        AWSClient(http: http, credentials: .root(account: scenario.account), region: scenario.region)
    }

    public func seed() throws -> SeededWorld {
        try seedInstanceProfile()
        let (deployer, deployerARN) = try seedDeployer()
        try seedParameters()
        try seedSecrets()
        try seedBuckets()
        try seedRepositories()
        try seedRegistries()
        let instanceID = try registerInstance()
        return SeededWorld(instanceID: instanceID, deployer: deployer, deployerARN: deployerARN)
    }

    static let trustPolicy =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    func iam(_ action: String, _ parameters: [(String, String)]) throws -> String {
        try root.query(service: "iam", version: "2010-05-08", action: action, parameters: parameters)
    }

    func seedInstanceProfile() throws {
        let profile = scenario.instanceProfile
        _ = try iam("CreateRole", [("RoleName", profile.role), ("AssumeRolePolicyDocument", Self.trustPolicy)])
        for name in profile.managedPolicies {
            _ = try iam("AttachRolePolicy", [("RoleName", profile.role), ("PolicyArn", Self.managedPolicyARN(name))])
        }
        for policy in profile.inlinePolicies {
            _ = try iam(
                "PutRolePolicy",
                [("RoleName", profile.role), ("PolicyName", policy.name), ("PolicyDocument", policy.document)])
        }
        _ = try iam("CreateInstanceProfile", [("InstanceProfileName", profile.role)])
        _ = try iam("AddRoleToInstanceProfile", [("InstanceProfileName", profile.role), ("RoleName", profile.role)])
    }

    static func managedPolicyARN(_ name: String) -> String {
        name.hasPrefix("arn:") ? name : "arn:aws:iam::aws:policy/\(name)"
    }

    /// Without a `deployer:`, CloudFormation acts for an administrator: the account root.
    func seedDeployer() throws -> (AWSCredentials, String) {
        guard let deployer = scenario.deployer else {
            return (.root(account: scenario.account), "arn:aws:iam::\(scenario.account):root")
        }
        _ = try iam("CreateUser", [("UserName", deployer.name)])
        for name in deployer.managedPolicies {
            _ = try iam("AttachUserPolicy", [("UserName", deployer.name), ("PolicyArn", Self.managedPolicyARN(name))])
        }
        for policy in deployer.inlinePolicies {
            _ = try iam(
                "PutUserPolicy",
                [("UserName", deployer.name), ("PolicyName", policy.name), ("PolicyDocument", policy.document)])
        }
        let xml = try iam("CreateAccessKey", [("UserName", deployer.name)])
        guard let key = Self.element("AccessKeyId", in: xml), let secret = Self.element("SecretAccessKey", in: xml)
        else {
            throw HTTPClientError(description: "CreateAccessKey returned no key")
        }
        return (
            AWSCredentials(accessKeyID: key, secretAccessKey: secret),
            "arn:aws:iam::\(scenario.account):user/\(deployer.name)"
        )
    }

    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"),
            let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    func seedParameters() throws {
        for parameter in scenario.ssmParameters {
            let client = root.with(region: parameter.region ?? scenario.region)
            for (index, value) in parameter.values.enumerated() {
                let request = PutParameterRequest(
                    Name: parameter.name, Type: parameter.type.rawValue, Value: value, Overwrite: index > 0)
                _ = try client.call(request)
            }
        }
    }

    func seedBuckets() throws {
        guard !scenario.buckets.isEmpty else { return }
        for bucket in scenario.buckets {
            let region = bucket.region ?? scenario.region
            let client = root.with(region: region)
            let body =
                region == "us-east-1"
                ? []
                : Array(
                    "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>"
                        .utf8)
            do {
                _ = try client.s3("PUT", bucket: bucket.name, body: body, operation: "CreateBucket")
                for object in bucket.objects {
                    let data: Data
                    switch object.content {
                    case .dockerAuth(let spec): data = spec.fileContents()
                    case .inline(let text): data = Data(text.utf8)
                    case .file(let path): data = try Data(contentsOf: URL(fileURLWithPath: scenarioFolder + "/" + path))
                    }
                    _ = try client.s3(
                        "PUT", bucket: bucket.name, key: object.key, body: Array(data), operation: "PutObject")
                }
                if let policy = bucket.policy {
                    _ = try client.s3(
                        "PUT", bucket: bucket.name, query: "policy=", body: Array(policy.utf8),
                        operation: "PutBucketPolicy")
                }
            } catch let error as AWSCallError where error.isNotImplemented || error.code == "UnknownOperationException"
            {
                throw ServiceUnavailable(service: "S3")
            }
        }
    }

    /// Secrets Manager secrets, created as the account's root; `deleted: true` then schedules
    /// the secret for deletion with the default 30-day recovery window.
    func seedSecrets() throws {
        for secret in scenario.secrets {
            let client = root.with(region: secret.region ?? scenario.region)
            do {
                _ = try client.call(CreateSecretRequest(Name: secret.name, SecretString: secret.value))
                if secret.deleted { _ = try client.call(DeleteSecretRequest(SecretId: secret.name)) }
            } catch let error as AWSCallError where error.isNotImplemented || error.code == "UnknownOperationException"
            {
                throw ServiceUnavailable(service: "Secrets Manager")
            }
        }
    }

    func seedRepositories() throws {
        for repository in scenario.repositories {
            let client = AWSClient(
                http: http, credentials: .root(account: repository.account ?? scenario.account),
                region: repository.region ?? scenario.region)
            do {
                _ = try client.call(CreateRepositoryRequest(repositoryName: repository.name))
                if let policy = repository.policy {
                    _ = try client.call(SetRepositoryPolicyRequest(repositoryName: repository.name, policyText: policy))
                }
                // Images: pushed as docker pushes after `aws ecr get-login-password | docker login`.
                if !repository.tags.isEmpty {
                    let answer = try client.call(GetAuthorizationTokenRequest())
                    guard let token = answer.authorizationData?.first?.authorizationToken else {
                        throw HTTPClientError(description: "GetAuthorizationToken returned no token")
                    }
                    let host = ReplayTools.ecrHost(
                        account: repository.account ?? scenario.account, region: repository.region ?? scenario.region)
                    for tag in repository.tags {
                        try ImagePusher(http: http).push(
                            repository: repository.name, tag: tag, host: host, authorization: "Basic " + token)
                    }
                }
            } catch let error as AWSCallError where error.isNotImplemented || error.code == "UnknownOperationException"
            {
                throw ServiceUnavailable(service: "ECR")
            }
        }
    }

    func seedRegistries() throws {
        for registry in scenario.registries where !realRegistryHosts.contains(registry.host) {
            let object: [String: Any] = [
                "host": registry.host, "auth": registry.auth.rawValue,
                "users": registry.users.map { ["user": $0.user, "password": $0.password] },
                "images": registry.images.map { ["repository": $0.repository, "tag": $0.tag] },
            ]
            let body = try JSONSerialization.data(withJSONObject: object)
            let reply = try http.send(
                "POST", "/_ebauth/registries", headers: [("Content-Type", "application/json")], body: Array(body))
            guard reply.status == 201 || reply.status == 200 else {
                throw HTTPClientError(
                    description: "seeding registry \(registry.host) failed: \(reply.status) \(reply.text)")
            }
        }
    }

    func registerInstance() throws -> String {
        let object: [String: Any] = [
            "account": scenario.account, "region": scenario.region,
            "instanceProfileName": scenario.instanceProfile.role,
            "httpTokens": "required",
        ]
        let reply = try http.send(
            "POST", "/_ebauth/instance", headers: [("Content-Type", "application/json")],
            body: Array(try JSONSerialization.data(withJSONObject: object)))
        guard reply.status == 200,
            let answer = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
            let id = answer["instanceId"] as? String
        else { throw HTTPClientError(description: "registering the instance failed: \(reply.status) \(reply.text)") }
        return id
    }
}
