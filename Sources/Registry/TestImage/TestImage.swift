import Foundation

/// A small valid container image built in process: a config and one to three gzip layers, each
/// a tar with a text file, and its manifest in Docker schema 2 or OCI form. Deterministic: the
/// same seed and shape give the same digests, a different seed a different image.
public struct TestImage: Sendable {
    public enum Format: String, Sendable, Codable {
        case docker
        case oci
    }

    public struct Blob: Sendable, Equatable {
        public var mediaType: String
        public var bytes: [UInt8]
        public var digest: String { Hex.sha256Digest(bytes) }

        public init(mediaType: String, bytes: [UInt8]) {
            self.mediaType = mediaType
            self.bytes = bytes
        }
        public var size: Int { bytes.count }
    }

    public let format: Format
    public let config: Blob
    public let layers: [Blob]
    public let manifest: [UInt8]

    public var manifestMediaType: String { format == .docker ? MediaType.dockerManifest : MediaType.ociManifest }
    public var digest: String { Hex.sha256Digest(manifest) }
    /// Config and layers, in the order a client uploads them.
    public var blobs: [Blob] { layers + [config] }

    public init(format: Format = .docker, layerCount: Int = 2, seed: String = "ebauth") {
        precondition((1...3).contains(layerCount), "a test image has one to three layers")
        self.format = format
        var layers: [Blob] = []
        var diffIDs: [RegistryJSON] = []
        var history: [RegistryJSON] = []
        for index in 1...layerCount {
            let text = "layer \(index) of the ebauth test image \(seed)\n"
            let tar = Tar.archive([
                .directory("ebauth"), .file("ebauth/layer\(index).txt", Array(text.utf8)),
            ])
            diffIDs.append(.string(Hex.sha256Digest(tar)))
            history.append(
                .object([
                    .init("created", "2026-01-01T00:00:00Z"),
                    .init("created_by", .string("ebauth TestImage layer \(index)")),
                ]))
            layers.append(
                Blob(mediaType: format == .docker ? MediaType.dockerLayer : MediaType.ociLayer, bytes: Gzip.stored(tar))
            )
        }
        let configJSON = RegistryJSON.object([
            .init("architecture", "amd64"),
            .init(
                "config",
                .object([
                    .init("Env", .array(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"])),
                    .init("Cmd", .array(["/bin/sh"])),
                    .init(
                        "Labels",
                        .object([
                            .init("org.opencontainers.image.title", "ebauth test image"),
                            .init("ebauth.seed", .string(seed)),
                        ])),
                ])),
            .init("created", "2026-01-01T00:00:00Z"),
            .init("history", .array(history)),
            .init("os", "linux"),
            .init("rootfs", .object([.init("type", "layers"), .init("diff_ids", .array(diffIDs))])),
        ])
        let config = Blob(
            mediaType: format == .docker ? MediaType.dockerConfig : MediaType.ociConfig, bytes: configJSON.bytes)
        func descriptor(_ blob: Blob) -> RegistryJSON {
            .object([
                .init("mediaType", .string(blob.mediaType)), .init("size", .number(Int64(blob.size))),
                .init("digest", .string(blob.digest)),
            ])
        }
        let manifestJSON = RegistryJSON.object([
            .init("schemaVersion", .number(2)),
            .init("mediaType", .string(format == .docker ? MediaType.dockerManifest : MediaType.ociManifest)),
            .init("config", descriptor(config)),
            .init("layers", .array(layers.map(descriptor))),
        ])
        self.config = config
        self.layers = layers
        self.manifest = manifestJSON.bytes
    }

    /// A manifest list (Docker) or index (OCI) naming `images` as linux images of the given
    /// architectures, e.g. `[(amd64Image, "amd64"), (armImage, "arm64")]`.
    public static func index(_ images: [(image: TestImage, architecture: String)], format: Format) -> [UInt8] {
        RegistryJSON.object([
            .init("schemaVersion", .number(2)),
            .init("mediaType", .string(format == .docker ? MediaType.dockerManifestList : MediaType.ociIndex)),
            .init(
                "manifests",
                .array(
                    images.map { entry in
                        .object([
                            .init("mediaType", .string(entry.image.manifestMediaType)),
                            .init("size", .number(Int64(entry.image.manifest.count))),
                            .init("digest", .string(entry.image.digest)),
                            .init(
                                "platform",
                                .object([.init("architecture", .string(entry.architecture)), .init("os", "linux")])),
                        ])
                    })),
        ]).bytes
    }
}

extension RegistryBackend {
    /// Pushes a test image into a repository (creating it where pushes do), tagged `tag`;
    /// returns the manifest digest.
    @discardableResult
    public func push(_ image: TestImage, _ namespace: RegistryNamespace, _ repository: String, tag: String?) throws
        -> String
    {
        for blob in image.blobs {
            let writer = try blobStore.makeWriter()
            try writer.write(blob.bytes)
            let staged = try writer.finish()
            do {
                try store.write { transaction in
                    try prepareRepositoryForPush(namespace, repository, in: transaction)
                    try transaction.linkStagedBlob(staged, namespace.id, repository)
                }
            } catch {
                try? blobStore.discard(staged)
                throw error
            }
        }
        let reference: ManifestReference = tag.map { .tag($0) } ?? .digest(image.digest)
        return try putManifest(
            namespace, repository, reference: reference, bytes: image.manifest, contentType: image.manifestMediaType)
    }
}
