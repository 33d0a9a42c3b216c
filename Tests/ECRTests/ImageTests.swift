import AWSCore
import Foundation
import Registry
import TestSupport
import Testing

@testable import ECR

@Suite("Images: ListImages, DescribeImages, BatchGetImage, BatchDeleteImage, PutImage")
struct ImageTests {
    /// A repository with image `a` tagged v1 and latest, and image `b` untagged (its tag moved).
    func seeded() throws -> (ECRWorld, TestImage, TestImage) {
        let world = try ECRWorld()
        try world.createRepository("web/app")
        let password = try world.password()
        let a = TestImage(seed: "a"), b = TestImage(seed: "b")
        #expect(try world.push(b, to: "web/app", tag: "old", password: password).status == 201)
        world.clock.advance(10)
        #expect(try world.push(a, to: "web/app", tag: "v1", password: password).status == 201)
        #expect(try world.push(a, to: "web/app", tag: "latest", password: password).status == 201)
        #expect(try world.push(a, to: "web/app", tag: "old", password: password).status == 201)
        _ = try world.backend.batchDeleteImage(
            BatchDeleteImageRequest(repositoryName: "web/app", imageIds: [ImageIdentifier(imageTag: "old")]),
            context: world.context("BatchDeleteImage"))
        return (world, a, b)
    }

    @Test("images pushed through the registry are listed, with filters and paging")
    func list() throws {
        let (world, a, b) = try seeded()
        let context = world.context("ListImages")
        // `b` lost its only tag when `old` moved to `a`: it stays, untagged, listed by digest.
        let expected = [
            ImageIdentifier(imageDigest: b.digest), ImageIdentifier(imageDigest: a.digest, imageTag: "latest"),
            ImageIdentifier(imageDigest: a.digest, imageTag: "v1"),
        ]
        let all = try world.backend.listImages(ListImagesRequest(repositoryName: "web/app"), context: context)
        #expect(all.imageIds == expected)
        #expect(all.nextToken == nil)
        let untagged = try world.backend.listImages(
            ListImagesRequest(repositoryName: "web/app", filter: TagStatusFilter(tagStatus: "UNTAGGED")),
            context: context)
        #expect(untagged.imageIds == [ImageIdentifier(imageDigest: b.digest)])
        let tagged = try world.backend.listImages(
            ListImagesRequest(repositoryName: "web/app", filter: TagStatusFilter(tagStatus: "TAGGED")), context: context
        )
        #expect(tagged.imageIds == Array(expected.dropFirst()))
        let page = try world.backend.listImages(
            ListImagesRequest(repositoryName: "web/app", maxResults: 2), context: context)
        let rest = try world.backend.listImages(
            ListImagesRequest(repositoryName: "web/app", nextToken: page.nextToken, maxResults: 2), context: context)
        #expect(page.imageIds + rest.imageIds == expected)
        #expect(rest.nextToken == nil)
        let foreign = awsError {
            _ = try world.backend.listImages(
                ListImagesRequest(repositoryName: "web/app", nextToken: "bm9wZQ=="), context: context)
        }
        #expect(foreign?.code == "InvalidParameterException")
    }

    @Test("DescribeImages reports tags, size, push time and media types; a missing image is an exception")
    func describe() throws {
        let (world, a, _) = try seeded()
        let details = try world.backend.describeImages(
            DescribeImagesRequest(repositoryName: "web/app", imageIds: [ImageIdentifier(imageTag: "v1")]),
            context: world.context("DescribeImages")
        ).imageDetails
        #expect(details.count == 1)
        #expect(details[0].imageDigest == a.digest)
        #expect(details[0].imageTags == ["latest", "v1"])
        #expect(details[0].imageSizeInBytes == Int64(a.layers.reduce(0) { $0 + $1.size }))
        #expect(details[0].imageManifestMediaType == MediaType.dockerManifest)
        #expect(details[0].artifactMediaType == MediaType.dockerConfig)
        let tagged = try world.backend.describeImages(
            DescribeImagesRequest(repositoryName: "web/app", filter: TagStatusFilter(tagStatus: "TAGGED")),
            context: world.context("DescribeImages"))
        #expect(tagged.imageDetails.map(\.imageDigest) == [a.digest])
        let missing = awsError {
            _ = try world.backend.describeImages(
                DescribeImagesRequest(repositoryName: "web/app", imageIds: [ImageIdentifier(imageTag: "nope")]),
                context: world.context("DescribeImages"))
        }
        #expect(missing?.code == "ImageNotFoundException")
        #expect(
            missing?.message
                == "The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'web/app' in the registry with id '000000000000'"
        )
    }

    @Test("BatchGetImage returns manifests byte for byte, and missing images as failures")
    func batchGet() throws {
        let (world, a, _) = try seeded()
        let result = try world.backend.batchGetImage(
            BatchGetImageRequest(
                repositoryName: "web/app",
                imageIds: [ImageIdentifier(imageTag: "v1"), ImageIdentifier(imageTag: "nope"), ImageIdentifier()]),
            context: world.context("BatchGetImage"))
        #expect(result.images.count == 1)
        #expect(Array(result.images[0].imageManifest.utf8) == a.manifest)
        #expect(result.images[0].imageId == ImageIdentifier(imageDigest: a.digest, imageTag: "v1"))
        #expect(
            result.failures == [
                ImageFailure(
                    imageId: ImageIdentifier(imageTag: "nope"), failureCode: "ImageNotFound",
                    failureReason: "Requested image not found"),
                ImageFailure(
                    imageId: ImageIdentifier(), failureCode: "MissingDigestAndTag",
                    failureReason: "Invalid request parameters: both tag and digest cannot be null"),
            ])
        // acceptedMediaTypes negotiate as the registry's Accept header does.
        let docker = try world.backend.batchGetImage(
            BatchGetImageRequest(
                repositoryName: "web/app", imageIds: [ImageIdentifier(imageDigest: a.digest)],
                acceptedMediaTypes: [MediaType.dockerManifest, MediaType.ociManifest]),
            context: world.context("BatchGetImage"))
        #expect(docker.images.map(\.imageManifestMediaType) == [MediaType.dockerManifest])
        let mismatched = try world.backend.batchGetImage(
            BatchGetImageRequest(
                repositoryName: "web/app", imageIds: [ImageIdentifier(imageDigest: a.digest, imageTag: "nope")]),
            context: world.context("BatchGetImage"))
        #expect(mismatched.failures.map(\.failureCode) == ["ImageTagDoesNotMatchDigest"])
        let noRepository = awsError {
            _ = try world.backend.batchGetImage(
                BatchGetImageRequest(repositoryName: "web/nope", imageIds: [ImageIdentifier(imageTag: "v1")]),
                context: world.context("BatchGetImage"))
        }
        #expect(noRepository?.code == "RepositoryNotFoundException")
    }

    @Test("deleting the last tag deletes the image; deleting by digest removes every tag")
    func batchDelete() throws {
        let (world, a, _) = try seeded()
        let context = world.context("BatchDeleteImage")
        let first = try world.backend.batchDeleteImage(
            BatchDeleteImageRequest(repositoryName: "web/app", imageIds: [ImageIdentifier(imageTag: "v1")]),
            context: context)
        #expect(first.imageIds == [ImageIdentifier(imageDigest: a.digest, imageTag: "v1")])
        #expect(
            try world.send("GET", "/v2/web/app/manifests/\(a.digest)", headers: [world.basic(try world.password())])
                .status == 200)
        let second = try world.backend.batchDeleteImage(
            BatchDeleteImageRequest(
                repositoryName: "web/app",
                imageIds: [ImageIdentifier(imageDigest: a.digest), ImageIdentifier(imageTag: "gone")]),
            context: context)
        #expect(second.imageIds == [ImageIdentifier(imageDigest: a.digest, imageTag: "latest")])
        #expect(second.failures.map(\.failureCode) == ["ImageNotFound"])
        let pulled = try world.send("GET", "/v2/web/app/manifests/latest", headers: [world.basic(try world.password())])
        #expect(pulled.errorCode == "MANIFEST_UNKNOWN")
    }

    @Test("PutImage tags a manifest whose layers are present; the same push again and an immutable tag are refused")
    func putImage() throws {
        let world = try ECRWorld()
        try world.createRepository("web/app", mutability: "IMMUTABLE")
        let password = try world.password()
        let a = TestImage(seed: "put-a"), b = TestImage(seed: "put-b")
        #expect(try world.push(a, to: "web/app", tag: "v1", password: password).status == 201)
        #expect(try world.push(b, to: "web/app", tag: "other", password: password).status == 201)
        let context = world.context("PutImage")
        let put = try world.backend.putImage(
            PutImageRequest(
                repositoryName: "web/app", imageManifest: String(decoding: a.manifest, as: UTF8.self), imageTag: "v2"),
            context: context)
        #expect(put.image.imageId == ImageIdentifier(imageDigest: a.digest, imageTag: "v2"))
        #expect(put.image.imageManifestMediaType == MediaType.dockerManifest)
        let again = awsError {
            _ = try world.backend.putImage(
                PutImageRequest(
                    repositoryName: "web/app", imageManifest: String(decoding: a.manifest, as: UTF8.self),
                    imageTag: "v2"),
                context: context)
        }
        #expect(again?.code == "ImageAlreadyExistsException")
        let immutable = awsError {
            _ = try world.backend.putImage(
                PutImageRequest(
                    repositoryName: "web/app", imageManifest: String(decoding: b.manifest, as: UTF8.self),
                    imageTag: "v1"),
                context: context)
        }
        #expect(immutable?.code == "ImageTagAlreadyExistsException")
        #expect(
            immutable?.message
                == "The image tag 'v1' already exists in the 'web/app' repository and cannot be overwritten because the repository is immutable."
        )
        // The registry refuses the same move with TAG_INVALID.
        let pushed = try world.send(
            "PUT", "/v2/web/app/manifests/v1", headers: [world.basic(password), ("Content-Type", b.manifestMediaType)],
            body: b.manifest)
        #expect(pushed.status == 400)
        #expect(pushed.errorCode == "TAG_INVALID")
        // Exclusions: `dev-*` tags stay mutable.
        _ = try world.backend.putImageTagMutability(
            PutImageTagMutabilityRequest(
                repositoryName: "web/app", imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
                imageTagMutabilityExclusionFilters: [
                    ImageTagMutabilityExclusionFilter(filterType: "WILDCARD", filter: "dev-*")
                ]),
            context: world.context("PutImageTagMutability"))
        for image in [a, b] {
            #expect(try world.push(image, to: "web/app", tag: "dev-1", password: password).status == 201)
        }
        let missingLayers = awsError {
            _ = try world.backend.putImage(
                PutImageRequest(
                    repositoryName: "web/app",
                    imageManifest: String(decoding: TestImage(seed: "absent").manifest, as: UTF8.self),
                    imageTag: "x"),
                context: context)
        }
        #expect(missingLayers?.code == "LayersNotFoundException")
        let mismatch = awsError {
            _ = try world.backend.putImage(
                PutImageRequest(
                    repositoryName: "web/app", imageManifest: String(decoding: a.manifest, as: UTF8.self),
                    imageTag: "y",
                    imageDigest: b.digest),
                context: context)
        }
        #expect(mismatch?.code == "ImageDigestDoesNotMatchException")
    }
}
