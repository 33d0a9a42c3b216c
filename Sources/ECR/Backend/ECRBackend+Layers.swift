import AWSCore
import Foundation
import Registry

extension ECRBackend {
    /// The size ECR tells clients to upload parts in (unverified; the model caps a part at 20 MiB).
    static let partSize: Int64 = 10 * 1024 * 1024

    /// Layers uploaded but named by no manifest carry this media type (what ECR reports for
    /// layers pushed through the API; unverified).
    static let unreferencedLayerMediaType = "application/vnd.docker.container.image.rootfs.diff+x-gtar"

    /// A layer not in the repository is `UNAVAILABLE` in `layers`; a malformed digest is a
    /// `failures` entry.
    func batchCheckLayerAvailability(_ input: BatchCheckLayerAvailabilityRequest, context: RequestContext) throws
        -> BatchCheckLayerAvailabilityResponse
    {
        try ECRNames.checkBatch(input.layerDigests.count, member: "layerDigests")
        return try readRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            var layers: [Layer] = []
            var failures: [LayerFailure] = []
            for digest in input.layerDigests {
                if digest.isEmpty {
                    failures.append(
                        LayerFailure(
                            layerDigest: digest, failureCode: "MissingLayerDigest",
                            failureReason: "Missing layer digest"))
                } else if !Digest.isValid(digest) {
                    failures.append(
                        LayerFailure(
                            layerDigest: digest, failureCode: "InvalidLayerDigest",
                            failureReason: "Invalid layer digest: \(digest.prefix(100))"))
                } else if let link = try transaction.registry.blobLink(namespace, record.name, digest) {
                    let mediaType = try transaction.referencedMediaType(namespace, record.name, digest: digest)
                    layers.append(
                        Layer(
                            layerDigest: digest, layerAvailability: "AVAILABLE", layerSize: link.size,
                            mediaType: mediaType ?? Self.unreferencedLayerMediaType))
                } else {
                    layers.append(Layer(layerDigest: digest, layerAvailability: "UNAVAILABLE"))
                }
            }
            return BatchCheckLayerAvailabilityResponse(layers: layers, failures: failures)
        }
    }

    /// A signed URL of this server that serves the layer for an hour (real ECR hands out a
    /// presigned S3 URL; see `LayerURLSigner`). Only layers some image names are downloadable.
    func getDownloadUrlForLayer(_ input: GetDownloadUrlForLayerRequest, context: RequestContext) throws
        -> GetDownloadUrlForLayerResponse
    {
        guard Digest.isValid(input.layerDigest) else {
            throw ECRError.invalidParameter(
                "Invalid parameter at 'layerDigest' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''"
            )
        }
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, transaction in
            let namespace = record.registry.namespace.id
            // Model documentation wording (unverified) for both refusals.
            guard try transaction.registry.blobLink(namespace, record.name, input.layerDigest) != nil else {
                throw ECRError.layersNotFound(
                    "The specified layers could not be found, or the specified layer is not valid for this repository.")
            }
            guard try transaction.referencedMediaType(namespace, record.name, digest: input.layerDigest) != nil
            else {
                throw ECRError.layerInaccessible(
                    "The specified layer is not available because it is not associated with an image. Unassociated image layers may be cleaned up at any time."
                )
            }
            return record
        }
        let path = try layerURLs.path(record.registry, repository: record.name, digest: input.layerDigest)
        return GetDownloadUrlForLayerResponse(downloadUrl: endpoint() + path, layerDigest: input.layerDigest)
    }

    func initiateLayerUpload(_ input: InitiateLayerUploadRequest, context: RequestContext) throws
        -> InitiateLayerUploadResponse
    {
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, _ in record }
        do {
            let upload = try registry.startUpload(record.registry.namespace, record.name)
            return InitiateLayerUploadResponse(uploadId: upload.id, partSize: Self.partSize)
        } catch let error as RegistryError {
            throw Self.apiError(error, record)
        }
    }

    /// Parts arrive in order: `partFirstByte` must be where the upload ends and the part as long
    /// as `partLastByte` says (InvalidLayerPartException otherwise).
    func uploadLayerPart(_ input: UploadLayerPartRequest, context: RequestContext) throws -> UploadLayerPartResponse {
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, _ in record }
        let location = "/v2/\(record.name)/blobs/uploads/\(input.uploadId)"
        do {
            let size = try registry.appendToUpload(
                record.registry.namespace, record.name, id: input.uploadId,
                body: StreamingPayload(bytes: Array(input.layerPartBlob)),
                contentRange: "\(input.partFirstByte)-\(input.partLastByte)", location: location)
            return UploadLayerPartResponse(
                registryId: record.registry.accountID, repositoryName: record.name, uploadId: input.uploadId,
                lastByteReceived: size - 1)
        } catch RegistryError.blobUploadUnknown {
            throw Self.uploadNotFound(input.uploadId, record)
        } catch RegistryError.rangeInvalid(_, _, let size) {
            // Model documentation wording (unverified), with where the upload stands.
            throw ECRError.invalidLayerPart(
                "The layer part size is not valid, or the first byte specified is not consecutive to the last byte of a previous layer part upload. Last valid byte received: \(size - 1)."
            )
        } catch let error as RegistryError {
            throw Self.apiError(error, record)
        }
    }

    /// Verifies the upload against its digest and links the layer into the repository.
    func completeLayerUpload(_ input: CompleteLayerUploadRequest, context: RequestContext) throws
        -> CompleteLayerUploadResponse
    {
        try ECRNames.checkBatch(input.layerDigests.count, member: "layerDigests")
        let digest = input.layerDigests[0]
        let record = try readRepository(context, input.registryId, input.repositoryName) { record, _ in record }
        let namespace = record.registry.namespace
        do {
            let (_, size) = try registry.uploadStatus(namespace, record.name, id: input.uploadId)
            guard size > 0 else {
                throw ECRError.emptyUpload("The specified layer upload does not contain any layer parts.")
            }
            if Digest.isValid(digest),
                try store.read({ try $0.registry.blobLink(namespace.id, record.name, digest) }) != nil
            {
                try? registry.cancelUpload(namespace, record.name, id: input.uploadId)
                throw ECRError.layerAlreadyExists("The image layer already exists in the associated repository.")
            }
            let link = try registry.completeUpload(
                namespace, record.name, id: input.uploadId, digest: digest, body: StreamingPayload(bytes: []),
                contentRange: nil,
                location: "/v2/\(record.name)/blobs/uploads/\(input.uploadId)")
            return CompleteLayerUploadResponse(
                registryId: record.registry.accountID, repositoryName: record.name, uploadId: input.uploadId,
                layerDigest: link.digest)
        } catch RegistryError.blobUploadUnknown {
            throw Self.uploadNotFound(input.uploadId, record)
        } catch RegistryError.digestInvalid {
            throw ECRError.invalidLayer(
                "The layer digest calculation performed by Amazon ECR upon receipt of the image layer does not match the digest specified."
            )
        } catch let error as RegistryError {
            throw Self.apiError(error, record)
        }
    }

    /// Model documentation wording (unverified).
    static func uploadNotFound(_ id: String, _ record: RepositoryRecord) -> ECRError {
        .uploadNotFound(
            "The upload could not be found, or the specified upload ID is not valid for this repository.")
    }
}
