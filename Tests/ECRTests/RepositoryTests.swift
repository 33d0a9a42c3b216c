import AWSCore
import Foundation
import Registry
import TestSupport
import Testing

@testable import ECR

@Suite("CreateRepository, DescribeRepositories, DeleteRepository")
struct RepositoryTests {
    @Test("a repository is created with AWS's defaults and described the same way")
    func create() throws {
        let world = try ECRWorld()
        let repository = try world.createRepository("web/app")
        #expect(repository.repositoryArn == "arn:aws:ecr:us-east-1:000000000000:repository/web/app")
        #expect(repository.repositoryUri == "000000000000.dkr.ecr.us-east-1.amazonaws.com:\(world.port)/web/app")
        #expect(repository.imageTagMutability == "MUTABLE")
        #expect(repository.encryptionConfiguration == EncryptionConfiguration(encryptionType: "AES256"))
        #expect(repository.createdAt == world.clock.now)
        let described = try world.backend.describeRepositories(
            DescribeRepositoriesRequest(repositoryNames: ["web/app"]), context: world.context("DescribeRepositories"))
        #expect(described.repositories == [repository])
    }

    @Test("names are checked, and duplicates refused, with AWS's messages")
    func names() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let duplicate = awsError { try world.createRepository("web/app") }
        #expect(duplicate?.code == "RepositoryAlreadyExistsException")
        #expect(
            duplicate?.message
                == "The repository with name 'web/app' already exists in the registry with id '000000000000'")
        for bad in ["Web", "a", "web//app", "web/app/", "-web", "web..app"] {
            let error = awsError { try world.createRepository(bad) }
            #expect(error?.code == "InvalidParameterException", "\(bad)")
            #expect(
                error?.message.hasPrefix("Invalid parameter at 'repositoryName' failed to satisfy constraint") == true)
        }
        let missing = awsError {
            _ = try world.backend.describeRepositories(
                DescribeRepositoriesRequest(repositoryNames: ["web/nope"]),
                context: world.context("DescribeRepositories"))
        }
        #expect(missing?.code == "RepositoryNotFoundException")
        #expect(
            missing?.message
                == "The repository with name 'web/nope' does not exist in the registry with id '000000000000'")
    }

    @Test("listing all repositories pages with maxResults and nextToken")
    func paging() throws {
        let world = try ECRWorld()
        for name in ["c", "a", "b"].map({ "repo-\($0)" }) { try world.createRepository(name) }
        let context = world.context("DescribeRepositories")
        let first = try world.backend.describeRepositories(DescribeRepositoriesRequest(maxResults: 2), context: context)
        #expect(first.repositories.map(\.repositoryName) == ["repo-a", "repo-b"])
        let second = try world.backend.describeRepositories(
            DescribeRepositoriesRequest(nextToken: first.nextToken, maxResults: 2), context: context)
        #expect(second.repositories.map(\.repositoryName) == ["repo-c"])
        #expect(second.nextToken == nil)
        let bad = awsError {
            _ = try world.backend.describeRepositories(DescribeRepositoriesRequest(maxResults: 0), context: context)
        }
        #expect(bad?.code == "ValidationException")
    }

    @Test("a repository with images is deleted only with force, and its images go with it")
    func delete() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        #expect(
            try world.push(TestImage(seed: "d"), to: "web/app", tag: "v1", password: try world.password()).status == 201
        )
        let context = world.context("DeleteRepository")
        let refused = awsError {
            _ = try world.backend.deleteRepository(DeleteRepositoryRequest(repositoryName: "web/app"), context: context)
        }
        #expect(refused?.code == "RepositoryNotEmptyException")
        #expect(
            refused?.message
                == "The repository with name 'web/app' in registry with id '000000000000' cannot be deleted because it still contains images"
        )
        let deleted = try world.backend.deleteRepository(
            DeleteRepositoryRequest(repositoryName: "web/app", force: true), context: context)
        #expect(deleted.repository.repositoryName == "web/app")
        let manifests = try world.server.database.read { try $0.query("SELECT digest FROM registry_manifest") }
        #expect(manifests.isEmpty)
        try world.createRepository("web/app")
        let listed = try world.backend.listImages(
            ListImagesRequest(repositoryName: "web/app"), context: world.context("ListImages"))
        #expect(listed.imageIds.isEmpty)
    }

    @Test("tags are set, listed and removed by repository ARN")
    func tags() throws {
        let world = try ECRWorld()
        let arn = try world.createRepository("web/app").repositoryArn
        _ = try world.backend.tagResource(
            TagResourceRequest(
                resourceArn: arn, tags: [ResourceTag(Key: "team", Value: "web"), ResourceTag(Key: "env", Value: "dev")]),
            context: world.context("TagResource"))
        _ = try world.backend.untagResource(
            UntagResourceRequest(resourceArn: arn, tagKeys: ["env"]), context: world.context("UntagResource"))
        let listed = try world.backend.listTagsForResource(
            ListTagsForResourceRequest(resourceArn: arn), context: world.context("ListTagsForResource"))
        #expect(listed.tags == [ResourceTag(Key: "team", Value: "web")])
        let wrong = awsError {
            _ = try world.backend.listTagsForResource(
                ListTagsForResourceRequest(resourceArn: "arn:aws:s3:::bucket"),
                context: world.context("ListTagsForResource"))
        }
        #expect(wrong?.code == "InvalidParameterException")
    }

    @Test("repository and lifecycle policies are validated, stored and removed")
    func policies() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":["ecr:BatchGetImage"]}]}"#
        let missing = awsError {
            _ = try world.backend.getRepositoryPolicy(
                RepositoryRequest(repositoryName: "web/app"), context: world.context("GetRepositoryPolicy"))
        }
        #expect(missing?.code == "RepositoryPolicyNotFoundException")
        #expect(
            missing?.message
                == "Repository policy does not exist for the repository with name 'web/app' in the registry with id '000000000000'"
        )
        let invalid = awsError {
            _ = try world.backend.setRepositoryPolicy(
                SetRepositoryPolicyRequest(
                    repositoryName: "web/app", policyText: #"{"Statement":[{"Effect":"Allow","Action":"ecr:*"}]}"#),
                context: world.context("SetRepositoryPolicy"))
        }
        #expect(
            invalid?.message
                == "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'"
        )
        _ = try world.backend.setRepositoryPolicy(
            SetRepositoryPolicyRequest(repositoryName: "web/app", policyText: policy),
            context: world.context("SetRepositoryPolicy"))
        #expect(
            try world.backend.getRepositoryPolicy(
                RepositoryRequest(repositoryName: "web/app"), context: world.context("GetRepositoryPolicy")
            ).policyText == policy)
        _ = try world.backend.deleteRepositoryPolicy(
            RepositoryRequest(repositoryName: "web/app"), context: world.context("DeleteRepositoryPolicy"))

        let lifecycle =
            #"{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}"#
        _ = try world.backend.putLifecyclePolicy(
            PutLifecyclePolicyRequest(repositoryName: "web/app", lifecyclePolicyText: lifecycle),
            context: world.context("PutLifecyclePolicy"))
        #expect(
            try world.backend.getLifecyclePolicy(
                RepositoryRequest(repositoryName: "web/app"), context: world.context("GetLifecyclePolicy")
            ).lifecyclePolicyText == lifecycle)
        let tagged = lifecycle.replacingOccurrences(of: "untagged", with: "tagged").replacingOccurrences(
            of: "expire tagged", with: "expire tagged images")
        let refused = awsError {
            _ = try world.backend.putLifecyclePolicy(
                PutLifecyclePolicyRequest(repositoryName: "web/app", lifecyclePolicyText: tagged),
                context: world.context("PutLifecyclePolicy"))
        }
        #expect(
            refused?.message.hasSuffix(
                "Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'"
            ) == true)
        _ = try world.backend.deleteLifecyclePolicy(
            RepositoryRequest(repositoryName: "web/app"), context: world.context("DeleteLifecyclePolicy"))
        let gone = awsError {
            _ = try world.backend.getLifecyclePolicy(
                RepositoryRequest(repositoryName: "web/app"), context: world.context("GetLifecyclePolicy"))
        }
        #expect(gone?.code == "LifecyclePolicyNotFoundException")
    }
}
