import Registry

/// Manifest bodies as pushed (`PUT /v2/<name>/manifests/<reference>`, ECR PutImage), under each
/// Content-Type a client sends, plus the name and reference grammars. Invariants: an accepted
/// manifest has a manifest media type and only sha256 digests of non-negative size.
enum RegistryManifestTarget {
    static let contentTypes: [String?] = [
        nil, MediaType.dockerManifest, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.ociIndex,
        "application/json", MediaType.ociManifest + "; charset=utf-8",
    ]

    static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        let contentType = contentTypes[Int(input.selector) % contentTypes.count]
        if let document = try? ManifestDocument.parse(input.body, contentType: contentType) {
            FuzzCheck.require(MediaType.manifests.contains(document.mediaType), "accepted \(document.mediaType)")
            for descriptor in [document.config].compactMap({ $0 }) + document.layers + document.manifests {
                FuzzCheck.require(Digest.isValid(descriptor.digest) && descriptor.size >= 0, "bad descriptor accepted")
            }
            _ = document.requiredBlobs
            _ = document.references
        }
        let text = String(decoding: input.body.prefix(512), as: UTF8.self)
        if RepositoryName.isValid(text) {
            FuzzCheck.require(
                text.utf8.count <= RepositoryName.maximumLength && !text.contains(".."), "bad name \(text)")
        }
        for flavor in [RegistryNamespace.Flavor.distribution, .ecr] {
            if case .tag(let tag)? = try? ManifestReference.parse(text, flavor: flavor) {
                FuzzCheck.require(tag.utf8.count <= Tag.maximumLength(flavor), "overlong tag")
            }
        }
    }
}
