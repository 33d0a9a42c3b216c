import Foundation

/// A source bundle extracted into a staging directory, as `/var/app/staging/` holds it on an
/// instance: every file, folder and link with the permission bits it will have there.
public struct StagedBundle: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case zip(path: String)
        case folder(path: String)
    }

    /// Absolute path of the staging directory.
    public let root: String
    public let source: Source
    /// Every entry, sorted by path. Folders the archive only implied are listed too.
    public let files: [StagedFile]

    public init(root: String, source: Source, files: [StagedFile]) {
        self.root = root
        self.source = source
        self.files = files.sorted { $0.path < $1.path }
    }

    public func file(_ path: String) -> StagedFile? {
        files.first { $0.path == path }
    }

    public func contains(_ path: String) -> Bool {
        file(path) != nil
    }

    /// Absolute path of an entry inside the staging directory.
    public func absolutePath(_ path: String) -> String {
        path.isEmpty ? root : root + "/" + path
    }

    /// Entries directly inside `folder` (`""` for the root), sorted by name.
    public func children(of folder: String) -> [StagedFile] {
        files.filter { BundlePath.parent(of: $0.path) == folder }
    }

    /// Reads a file's bytes. Links are followed; they were checked to stay inside the bundle.
    public func read(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: absolutePath(path)))
    }

    /// The single folder holding everything, when the customer zipped the folder rather than its
    /// contents (Beanstalk then finds no Dockerfile or Dockerrun.aws.json at the root).
    public var enclosingFolder: String? {
        let topLevel = children(of: "")
        guard topLevel.count == 1, let only = topLevel.first, only.kind == .directory else { return nil }
        return only.path
    }
}

/// One entry of a staged bundle.
public struct StagedFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        case symlink(target: String)
    }

    /// Relative to the bundle root, `/`-separated.
    public let path: String
    public let kind: Kind
    /// Permission bits (`0o755`, `0o644`, …), without the file-type bits.
    public let mode: UInt16
    /// Bytes of a file; 0 for folders and links.
    public let size: UInt64

    public init(path: String, kind: Kind, mode: UInt16, size: UInt64) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.size = size
    }

    public var name: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Whether the owner's execute bit is set — what `fork/exec` needs for a root-run hook.
    public var isExecutable: Bool {
        mode & 0o100 != 0
    }
}
