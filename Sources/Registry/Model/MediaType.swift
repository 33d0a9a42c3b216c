import Foundation

/// The manifest media types the registry stores and negotiates.
public enum MediaType {
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"

    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    public static let dockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar+gzip"

    /// Every manifest type accepted on PUT.
    public static let manifests: Set<String> = [dockerManifest, dockerManifestList, ociManifest, ociIndex]

    /// Layers that live elsewhere (Windows base layers): a manifest may name them without the
    /// registry holding them.
    public static func isNonDistributable(_ mediaType: String) -> Bool {
        mediaType == dockerForeignLayer || mediaType.hasPrefix("application/vnd.oci.image.layer.nondistributable.")
    }

    /// `type/subtype` of a header value, parameters dropped, lowercased.
    public static func essence(_ value: String) -> String {
        let base = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return base.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// The media types a client's Accept headers admit (repeated headers and comma lists alike).
public struct AcceptedMediaTypes: Sendable {
    public let types: Set<String>

    public init(headerValues: [String]) {
        var types: Set<String> = []
        for value in headerValues {
            for item in value.split(separator: ",") {
                let type = MediaType.essence(String(item))
                if !type.isEmpty { types.insert(type) }
            }
        }
        self.types = types
    }

    /// No Accept header, or a wildcard, admits everything.
    public func admits(_ mediaType: String) -> Bool {
        types.isEmpty || types.contains("*/*") || types.contains("application/*") || types.contains(mediaType)
    }
}
