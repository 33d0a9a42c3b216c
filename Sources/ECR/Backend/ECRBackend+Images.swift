import AWSCore
import Foundation
import Registry

extension ECRBackend {
    func listImages(_ input: ListImagesRequest, context: RequestContext) throws -> ListImagesResponse {
        try ECRNames.checkMaxResults(input.maxResults)
        let filter = try ImageFilter(input.filter)
        return try readRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            var ids: [ImageIdentifier] = []
            for image in try StoredImage.all(namespace, record.name, in: transaction.registry)
            where filter.admits(image) {
                if image.tags.isEmpty {
                    ids.append(ImageIdentifier(imageDigest: image.digest))
                } else {
                    ids += image.tags.map { ImageIdentifier(imageDigest: image.digest, imageTag: $0) }
                }
            }
            let scope = namespace + "/" + record.name
            let offset = try ECRPageToken.decode(input.nextToken, listing: "ListImages", scope: scope)
            let (page, next) = ECRPageToken.page(
                ids, offset: offset, limit: input.maxResults ?? 100, listing: "ListImages", scope: scope)
            return ListImagesResponse(imageIds: page, nextToken: next)
        }
    }

    func describeImages(_ input: DescribeImagesRequest, context: RequestContext) throws -> DescribeImagesResponse {
        try ECRNames.checkMaxResults(input.maxResults)
        let filter = try ImageFilter(input.filter)
        return try readRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            let images = try StoredImage.all(namespace, record.name, in: transaction.registry)
            func detail(_ image: StoredImage) -> ImageDetail {
                ImageDetail(
                    registryId: record.registry.accountID, repositoryName: record.name, imageDigest: image.digest,
                    imageTags: image.tags.isEmpty ? nil : image.tags, imageSizeInBytes: image.size,
                    imagePushedAt: image.record.createdAt, imageManifestMediaType: image.record.mediaType,
                    artifactMediaType: image.artifactMediaType)
            }
            if let ids = input.imageIds {
                guard input.maxResults == nil, input.nextToken == nil else {
                    throw ECRError.invalidParameter(
                        "Invalid parameter: maxResults and nextToken cannot be used together with imageIds")
                }
                try ECRNames.checkBatch(ids.count, member: "imageIds")
                var details: [ImageDetail] = []
                for id in ids {
                    let selector = ImageSelector(id)
                    guard selector.malformation == nil,
                        let image = images.first(where: {
                            (selector.digest == nil || $0.digest == selector.digest)
                                && (selector.tag == nil || $0.tags.contains(selector.tag!))
                        })
                    else {
                        throw ECRError.imageNotFound(
                            imageID: selector.text, name: record.name, registryID: record.registry.accountID)
                    }
                    if !details.contains(where: { $0.imageDigest == image.digest }) { details.append(detail(image)) }
                }
                return DescribeImagesResponse(imageDetails: details)
            }
            let scope = namespace + "/" + record.name
            let offset = try ECRPageToken.decode(input.nextToken, listing: "DescribeImages", scope: scope)
            let (page, next) = ECRPageToken.page(
                images.filter(filter.admits), offset: offset, limit: input.maxResults ?? 100, listing: "DescribeImages",
                scope: scope)
            return DescribeImagesResponse(imageDetails: page.map(detail), nextToken: next)
        }
    }

    /// Missing or unreadable images are `failures` entries, not an exception (EB-SPEC §B.3).
    /// `acceptedMediaTypes` negotiates as the registry's Accept header does; without it the
    /// manifest is returned as stored (ebauth converts nothing to schema 1).
    func batchGetImage(_ input: BatchGetImageRequest, context: RequestContext) throws -> BatchGetImageResponse {
        try ECRNames.checkBatch(input.imageIds.count, member: "imageIds")
        if let types = input.acceptedMediaTypes { try ECRNames.checkBatch(types.count, member: "acceptedMediaTypes") }
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, _ in record }
        let accepting = AcceptedMediaTypes(headerValues: input.acceptedMediaTypes ?? [])
        var images: [Image] = []
        var failures: [ImageFailure] = []
        for id in input.imageIds {
            let selector = ImageSelector(id)
            if let (code, reason) = selector.malformation {
                failures.append(ImageFailure(imageId: id, failureCode: code, failureReason: reason))
                continue
            }
            do {
                let reference: ManifestReference = selector.digest.map { .digest($0) } ?? .tag(selector.tag!)
                let served = try registry.manifest(
                    record.registry.namespace, record.name, reference: reference, accepting: accepting)
                if let tag = selector.tag, selector.digest != nil,
                    try store.read({ try $0.registry.tagTarget(record.registry.namespace.id, record.name, tag: tag) })
                        != selector.digest
                {
                    failures.append(
                        ImageFailure(
                            imageId: id, failureCode: "ImageTagDoesNotMatchDigest",
                            failureReason:
                                "Invalid parameter at 'imageTag' failed to satisfy constraint: 'Image tag does not match digest'"
                        ))
                    continue
                }
                let bytes = try registry.readManifestBytes(served.record)
                images.append(
                    Image(
                        registryId: record.registry.accountID, repositoryName: record.name,
                        imageId: ImageIdentifier(imageDigest: served.record.digest, imageTag: selector.tag),
                        imageManifest: String(decoding: bytes, as: UTF8.self),
                        imageManifestMediaType: served.record.mediaType))
            } catch RegistryError.manifestUnknown {
                failures.append(
                    ImageFailure(imageId: id, failureCode: "ImageNotFound", failureReason: "Requested image not found"))
            } catch RegistryError.manifestNotAcceptable(let message) {
                failures.append(ImageFailure(imageId: id, failureCode: "ImageNotFound", failureReason: message))
            } catch let error as RegistryError {
                throw Self.apiError(error, record)
            }
        }
        return BatchGetImageResponse(images: images, failures: failures)
    }

    /// By digest: the image and every tag on it go (refused while an index lists it). By tag:
    /// the tag goes, and the image with its last tag (the ECR user guide: "When you remove the
    /// last tag from an image, the image is deleted from your repository").
    func batchDeleteImage(_ input: BatchDeleteImageRequest, context: RequestContext) throws -> BatchDeleteImageResponse
    {
        try ECRNames.checkBatch(input.imageIds.count, member: "imageIds")
        return try writeRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            var deleted: [ImageIdentifier] = []
            var failures: [ImageFailure] = []
            func fail(_ id: ImageIdentifier, _ code: String, _ reason: String) {
                failures.append(ImageFailure(imageId: id, failureCode: code, failureReason: reason))
            }
            for id in input.imageIds {
                let selector = ImageSelector(id)
                if let (code, reason) = selector.malformation {
                    fail(id, code, reason)
                    continue
                }
                let digest: String?
                if let tag = selector.tag {
                    let target = try transaction.registry.tagTarget(namespace, record.name, tag: tag)
                    digest = (selector.digest == nil || selector.digest == target) ? target : nil
                } else {
                    digest = try transaction.registry.manifest(namespace, record.name, digest: selector.digest!)?.digest
                }
                guard let digest else {
                    fail(id, "ImageNotFound", "Requested image not found")
                    continue
                }
                let tags = try transaction.registry.tags(namespace, record.name, digest: digest)
                let removesImage = selector.tag == nil || tags == [selector.tag!]
                let indexes = try transaction.indexesReferencing(namespace, record.name, digest: digest)
                if removesImage, !indexes.isEmpty {
                    if selector.tag != nil {
                        // The tag goes; the image stays for the index that lists it.
                        try transaction.registry.deleteTag(namespace, record.name, tag: selector.tag!)
                        deleted.append(ImageIdentifier(imageDigest: digest, imageTag: selector.tag))
                    } else {
                        fail(
                            id, "ImageReferencedByManifestList",
                            "Requested image referenced by manifest list: [\(indexes.joined(separator: ", "))]")
                    }
                    continue
                }
                if removesImage {
                    try transaction.registry.deleteManifest(namespace, record.name, digest: digest)
                    let shown = selector.tag.map { [$0] } ?? tags
                    deleted +=
                        shown.isEmpty
                        ? [ImageIdentifier(imageDigest: digest)]
                        : shown.map { ImageIdentifier(imageDigest: digest, imageTag: $0) }
                } else {
                    try transaction.registry.deleteTag(namespace, record.name, tag: selector.tag!)
                    deleted.append(ImageIdentifier(imageDigest: digest, imageTag: selector.tag))
                }
            }
            return BatchDeleteImageResponse(imageIds: deleted, failures: failures)
        }
    }

    /// Stores a manifest whose layers (or, for an index, images) are already in the repository,
    /// under `imageTag` if given. The same manifest under the same tag again is
    /// `ImageAlreadyExistsException`; moving an immutable tag is `ImageTagAlreadyExistsException`.
    func putImage(_ input: PutImageRequest, context: RequestContext) throws -> PutImageResponse {
        if let tag = input.imageTag, !Registry.Tag.isValid(tag, flavor: .ecr) {
            throw ECRError.invalidParameter(
                "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,299}''"
            )
        }
        let bytes = Array(input.imageManifest.utf8)
        guard !bytes.isEmpty, bytes.count <= ManifestDocument.maximumSize else {
            throw ECRError.validation(
                "1 validation error detected: Value at 'imageManifest' failed to satisfy constraint: Member must have length between 1 and 4194304"
            )
        }
        let digest = ContentDigest.sha256(bytes)
        if let expected = input.imageDigest, expected != digest {
            // Unverified wording: the model documents the condition only.
            throw ECRError.imageDigestDoesNotMatch(
                "The specified image digest '\(expected)' does not match the digest '\(digest)' that Amazon ECR calculated for the image."
            )
        }
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, _ in record }
        let document: ManifestDocument
        do {
            document = try ManifestDocument.parse(bytes, contentType: input.imageManifestMediaType)
        } catch {
            throw Self.apiError(error, record)
        }
        let namespace = record.registry.namespace
        let existingTags: [String]? = try store.read { transaction in
            let registry = transaction.registry
            guard try registry.manifest(namespace.id, record.name, digest: digest) != nil else { return nil }
            return try registry.tags(namespace.id, record.name, digest: digest)
        }
        if let existingTags, input.imageTag.map(existingTags.contains) ?? true {
            throw ECRError.imageAlreadyExists(
                digest: digest, tag: input.imageTag, name: record.name, registryID: record.registry.accountID)
        }
        do {
            try registry.putManifest(
                namespace, record.name, reference: input.imageTag.map { .tag($0) } ?? .digest(digest), bytes: bytes,
                contentType: input.imageManifestMediaType)
        } catch RegistryError.manifestBlobUnknown(let missing) {
            // Unverified wording, after the registry's "Images with digests [...] required for
            // pushing image into repository [...] do not exist" seen in public build logs.
            let list = "[\(missing.joined(separator: ", "))]"
            let target = "repository with name '\(record.name)' in registry with id '\(record.registry.accountID)'"
            throw document.kind == .index
                ? ECRError.referencedImagesNotFound(
                    "Images with digests '\(list)' required for pushing image into \(target) do not exist")
                : ECRError.layersNotFound(
                    "Layers with digests '\(list)' required for pushing image into \(target) do not exist")
        } catch let error as RegistryError {
            throw Self.apiError(error, record)
        }
        return PutImageResponse(
            image: Image(
                registryId: record.registry.accountID, repositoryName: record.name,
                imageId: ImageIdentifier(imageDigest: digest, imageTag: input.imageTag),
                imageManifest: input.imageManifest,
                imageManifestMediaType: document.mediaType))
    }
}

/// `filter` of ListImages and DescribeImages. Every image here is ACTIVE (nothing is archived).
struct ImageFilter {
    var tagStatus = "ANY"
    var imageStatus = "ANY"

    init(_ filter: TagStatusFilter?) throws(ECRError) {
        if let value = filter?.tagStatus {
            guard ["TAGGED", "UNTAGGED", "ANY"].contains(value) else {
                throw .validation(
                    "1 validation error detected: Value '\(value.prefix(64))' at 'filter.tagStatus' failed to satisfy constraint: Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]"
                )
            }
            tagStatus = value
        }
        if let value = filter?.imageStatus {
            guard ["ACTIVE", "ARCHIVED", "ACTIVATING", "ANY"].contains(value) else {
                throw .validation(
                    "1 validation error detected: Value '\(value.prefix(64))' at 'filter.imageStatus' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]"
                )
            }
            imageStatus = value
        }
    }

    func admits(_ image: StoredImage) -> Bool {
        guard imageStatus == "ANY" || imageStatus == "ACTIVE" else { return false }
        switch tagStatus {
        case "TAGGED": return !image.tags.isEmpty
        case "UNTAGGED": return image.tags.isEmpty
        default: return true
        }
    }
}
