import AWSCore
import Foundation
import Testing

@testable import IAM

@Suite("AWS managed policies")
struct ManagedPolicyTests {
    @Test("every shipped document is a valid identity policy", arguments: AWSManagedPolicies.all.map(\.name))
    func valid(_ name: String) throws {
        let policy = try #require(AWSManagedPolicies.all.first { $0.name == name })
        _ = try PolicyValidator.validate(policy.document, as: .identity)
        #expect(policy.arn == "arn:aws:iam::aws:policy/\(name)")
    }

    @Test("the issue's list is shipped, attachable by ARN")
    func list() {
        for name in [
            "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPullOnly",
            "AmazonEC2ContainerRegistryPowerUser",
            "AmazonEC2ContainerRegistryFullAccess", "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess",
            "AmazonSSMReadOnlyAccess",
            "AWSElasticBeanstalkWebTier", "AWSElasticBeanstalkMulticontainerDocker", "AdministratorAccess",
            "ReadOnlyAccess",
        ] {
            #expect(AWSManagedPolicies.policy(arn: "arn:aws:iam::aws:policy/\(name)") != nil, "\(name)")
        }
    }
}

/// ECR's questions to IAM, as the ECR service and the registry will ask them, answered for an
/// instance role built through the IAM API.
@Suite("ECR authorization for an instance role")
struct ECRAuthorizationTests {
    static let repository = "arn:aws:ecr:us-east-1:000000000000:repository/repository-name"

    func ask(
        _ world: IAMWorld, _ caller: CallerIdentity, _ action: String, _ resource: String, policy: String? = nil,
        account: String? = nil
    ) -> AccessDenial? {
        do {
            try world.authorizer.authorize(
                AuthorizationRequest(
                    caller: caller, action: action, resource: resource, resourcePolicy: policy,
                    resourceAccountID: account ?? caller.accountID, requestID: "ecr-test", region: "us-east-1"))
            return nil
        } catch {
            return error
        }
    }

    @Test("AmazonEC2ContainerRegistryReadOnly allows the token and the pull, not the push")
    func readOnly() throws {
        let world = try IAMWorld()
        world.role(
            "aws-elasticbeanstalk-ec2-role", managed: ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"])
        let session = world.instanceSession(
            profile: "aws-elasticbeanstalk-ec2-role", role: "aws-elasticbeanstalk-ec2-role")
        #expect(
            session.arn == "arn:aws:sts::000000000000:assumed-role/aws-elasticbeanstalk-ec2-role/i-0123456789abcdef0")
        #expect(ask(world, session, "ecr:GetAuthorizationToken", "*") == nil)
        #expect(ask(world, session, "ecr:BatchGetImage", Self.repository) == nil)
        #expect(ask(world, session, "ecr:GetDownloadUrlForLayer", Self.repository) == nil)
        let push = try #require(ask(world, session, "ecr:PutImage", Self.repository))
        #expect(
            push.message()
                == "User: arn:aws:sts::000000000000:assumed-role/aws-elasticbeanstalk-ec2-role/i-0123456789abcdef0 is not authorized to perform: ecr:PutImage on resource: \(Self.repository) because no identity-based policy allows the ecr:PutImage action"
        )
    }

    @Test("without a policy, GetAuthorizationToken is denied with IAM's message")
    func noPolicy() throws {
        let world = try IAMWorld()
        world.role("bare")
        let session = world.instanceSession(profile: "bare", role: "bare")
        let denial = try #require(ask(world, session, "ecr:GetAuthorizationToken", "*"))
        #expect(denial.reason == .noIdentityPolicyAllows)
        #expect(
            denial.message()
                == "User: arn:aws:sts::000000000000:assumed-role/bare/i-0123456789abcdef0 is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action"
        )
    }

    @Test("an explicit Deny on BatchGetImage beats AmazonEC2ContainerRegistryReadOnly")
    func explicitDeny() throws {
        let world = try IAMWorld()
        world.role(
            "denied", managed: ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"],
            inline: [
                "no-pull":
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ecr:BatchGetImage","Resource":"*"}]}"#
            ])
        let session = world.instanceSession(profile: "denied", role: "denied")
        let denial = try #require(ask(world, session, "ecr:BatchGetImage", Self.repository))
        #expect(denial.message().hasSuffix("with an explicit deny in an identity-based policy"))
        #expect(ask(world, session, "ecr:GetAuthorizationToken", "*") == nil)
    }

    /// The custom policy of the Beanstalk guide's private-repository page (EB-SPEC §A.10).
    static let beanstalkGuidePolicy = #"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AllowEbAuth","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":["*"]},
          {"Sid":"AllowPull","Effect":"Allow","Resource":["arn:aws:ecr:us-east-1:000000000000:repository/repository-name"],
           "Action":["ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer",
                     "ecr:GetRepositoryPolicy","ecr:DescribeRepositories","ecr:ListImages","ecr:BatchGetImage"]}]}
        """#

    @Test("the Beanstalk guide's custom policy allows only its one repository")
    func beanstalkGuidePolicy() throws {
        let world = try IAMWorld()
        world.role("eb", inline: ["pull-one-repo": Self.beanstalkGuidePolicy])
        let session = world.instanceSession(profile: "eb", role: "eb")
        #expect(ask(world, session, "ecr:GetAuthorizationToken", "*") == nil)
        #expect(ask(world, session, "ecr:BatchGetImage", Self.repository) == nil)
        let other = "arn:aws:ecr:us-east-1:000000000000:repository/other"
        let denial = try #require(ask(world, session, "ecr:BatchGetImage", other))
        #expect(denial.reason == .noIdentityPolicyAllows)
        let decision = try #require(world.module.decisions.decisions(requestID: "ecr-test").last)
        #expect(decision.decision == "Deny")
        #expect(
            decision.statements.contains {
                $0.policy == "inline policy pull-one-repo of role eb" && $0.statement == "Sid \"AllowPull\""
            })
    }

    @Test("a cross-account pull needs the repository policy and the role's own Allow")
    func crossAccount() throws {
        let world = try IAMWorld()
        world.role("puller", managed: ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"])
        let session = world.instanceSession(profile: "puller", role: "puller")
        let foreign = "arn:aws:ecr:us-east-1:999999999999:repository/shared"
        let none = try #require(ask(world, session, "ecr:BatchGetImage", foreign, account: "999999999999"))
        #expect(
            none.message()
                == "User: arn:aws:sts::000000000000:assumed-role/puller/i-0123456789abcdef0 is not authorized to perform: ecr:BatchGetImage on resource: \(foreign) because no resource-based policy allows the ecr:BatchGetImage action"
        )
        let repositoryPolicy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}"#
        #expect(
            ask(world, session, "ecr:BatchGetImage", foreign, policy: repositoryPolicy, account: "999999999999") == nil)
        let describe = try #require(
            ask(world, session, "ecr:DescribeImages", foreign, policy: repositoryPolicy, account: "999999999999"))
        #expect(describe.reason == .noResourcePolicyAllows)
    }
}
