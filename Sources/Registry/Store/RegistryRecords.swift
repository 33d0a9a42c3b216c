import Foundation

/// A blob linked into a repository.
public struct BlobLink: Sendable, Equatable {
    public var digest: String
    public var size: Int64
}

/// A manifest stored in a repository (its bytes are the blob `digest`).
public struct ManifestRecord: Sendable, Equatable {
    public var digest: String
    public var mediaType: String
    public var size: Int64
    public var createdAt: Date
}

/// One descriptor a stored manifest names.
public struct ManifestReferenceRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case config
        case layer
        case manifest
    }

    public var kind: Kind
    public var digest: String
    public var size: Int64
    public var mediaType: String
}

/// An upload in progress.
public struct UploadRecord: Sendable, Equatable {
    public var id: String
    public var namespace: String
    public var repository: String
    public var path: String
    public var startedAt: Date
}
