import Foundation

/// A manifest body parsed and checked for shape: an image manifest (Docker schema 2 or OCI) or
/// an index (Docker manifest list or OCI index), with the descriptors it names.
public struct ManifestDocument: Sendable {
    public struct Descriptor: Sendable, Equatable {
        public var mediaType: String
        public var digest: String
        public var size: Int64
        public var urls: [String]
        /// `os/architecture[/variant]` of an index entry, when given.
        public var platform: Platform?
    }

    public struct Platform: Sendable, Equatable {
        public var os: String
        public var architecture: String
        public var variant: String?
    }

    public enum Kind: Sendable, Equatable {
        case image
        case index
    }

    public let mediaType: String
    public let kind: Kind
    public let config: Descriptor?
    public let layers: [Descriptor]
    public let manifests: [Descriptor]

    /// registry:2 and ECR both refuse manifests over 4 MiB.
    public static let maximumSize = 4 * 1024 * 1024

    /// Parses `bytes` sent with `contentType`. The media type comes from Content-Type when it names
    /// a manifest type, else from the body's `mediaType`; when both are present they must agree.
    public static func parse(_ bytes: [UInt8], contentType: String?) throws(RegistryError) -> ManifestDocument {
        guard bytes.count <= maximumSize else { throw .manifestInvalid(detail: "manifest too large") }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw .manifestInvalid(detail: "manifest is not a JSON object")
        }
        let header = contentType.map(MediaType.essence)
        let declared = object["mediaType"] as? String
        if object["mediaType"] != nil, declared == nil { throw .manifestInvalid(detail: "mediaType is not a string") }

        let mediaType: String
        if let header, MediaType.manifests.contains(header) {
            if let declared, declared != header {
                throw .manifestInvalid(detail: "mediaType in manifest should be '\(header)' not '\(declared)'")
            }
            mediaType = header
        } else if let declared, MediaType.manifests.contains(declared) {
            mediaType = declared
        } else if declared == nil, object["manifests"] != nil {
            mediaType = MediaType.ociIndex
        } else if declared == nil, object["config"] != nil {
            mediaType = MediaType.ociManifest
        } else {
            throw .manifestInvalid(detail: "unsupported manifest media type \(declared ?? header ?? "(none)")")
        }
        // Docker's types require the body to say what it is; OCI's make it optional.
        if mediaType == MediaType.dockerManifest || mediaType == MediaType.dockerManifestList, declared == nil {
            throw .manifestInvalid(detail: "mediaType is required for \(mediaType)")
        }
        guard (object["schemaVersion"] as? NSNumber)?.intValue == 2 else {
            throw .manifestInvalid(detail: "schemaVersion must be 2")
        }

        if mediaType == MediaType.dockerManifestList || mediaType == MediaType.ociIndex {
            guard let entries = object["manifests"] as? [Any] else {
                throw .manifestInvalid(detail: "manifests must be an array")
            }
            let manifests = try entries.enumerated().map { (index, entry) throws(RegistryError) in
                try descriptor(entry, field: "manifests[\(index)]", withPlatform: true)
            }
            return ManifestDocument(mediaType: mediaType, kind: .index, config: nil, layers: [], manifests: manifests)
        }
        let config = try descriptor(object["config"] as Any, field: "config", withPlatform: false)
        guard let entries = object["layers"] as? [Any] else {
            throw .manifestInvalid(detail: "layers must be an array")
        }
        let layers = try entries.enumerated().map { (index, entry) throws(RegistryError) in
            try descriptor(entry, field: "layers[\(index)]", withPlatform: false)
        }
        return ManifestDocument(mediaType: mediaType, kind: .image, config: config, layers: layers, manifests: [])
    }

    private static func descriptor(_ value: Any, field: String, withPlatform: Bool) throws(RegistryError) -> Descriptor
    {
        guard let object = value as? [String: Any] else { throw .manifestInvalid(detail: "\(field) must be an object") }
        guard let mediaType = object["mediaType"] as? String, !mediaType.isEmpty else {
            throw .manifestInvalid(detail: "\(field).mediaType is required")
        }
        guard let digest = object["digest"] as? String, Digest.isValid(digest) else {
            throw .manifestInvalid(detail: "\(field).digest is not a sha256 digest")
        }
        guard let number = object["size"] as? NSNumber, number.doubleValue == Double(number.int64Value),
            number.int64Value >= 0
        else { throw .manifestInvalid(detail: "\(field).size must be a non-negative integer") }
        let urls = (object["urls"] as? [String]) ?? []
        var platform: Platform?
        if withPlatform, let value = object["platform"] as? [String: Any] {
            guard let os = value["os"] as? String, let architecture = value["architecture"] as? String else {
                throw .manifestInvalid(detail: "\(field).platform needs os and architecture")
            }
            platform = Platform(os: os, architecture: architecture, variant: value["variant"] as? String)
        }
        return Descriptor(mediaType: mediaType, digest: digest, size: number.int64Value, urls: urls, platform: platform)
    }

    /// What the registry must already hold before it accepts this manifest: blobs for an image
    /// (config and distributable layers), manifests for an index.
    public var requiredBlobs: [String] {
        guard kind == .image else { return [] }
        var digests: [String] = []
        for descriptor in [config].compactMap({ $0 }) + layers
        where !MediaType.isNonDistributable(descriptor.mediaType) && !digests.contains(descriptor.digest) {
            digests.append(descriptor.digest)
        }
        return digests
    }

    /// The rows `registry_manifest_reference` keeps for this manifest.
    public var references: [ManifestReferenceRecord] {
        switch kind {
        case .image:
            let configRecord = config.map {
                ManifestReferenceRecord(kind: .config, digest: $0.digest, size: $0.size, mediaType: $0.mediaType)
            }
            return [configRecord].compactMap { $0 }
                + layers.map {
                    ManifestReferenceRecord(kind: .layer, digest: $0.digest, size: $0.size, mediaType: $0.mediaType)
                }
        case .index:
            return manifests.map {
                ManifestReferenceRecord(kind: .manifest, digest: $0.digest, size: $0.size, mediaType: $0.mediaType)
            }
        }
    }
}
