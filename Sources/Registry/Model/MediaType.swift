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
        // ASCII (every real Accept header) by byte; anything else through Foundation's whitespace set.
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            let utf8 = value.utf8
            var end = utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
            var start = utf8.startIndex
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            while start != end, isSpace(utf8[start]) { start = utf8.index(after: start) }
            while start != end, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
            return String(decoding: utf8[start..<end].lazy.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
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
            for item in value.utf8.split(separator: UInt8(ascii: ",")) {
                let type = MediaType.essence(String(Substring(item)))
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
