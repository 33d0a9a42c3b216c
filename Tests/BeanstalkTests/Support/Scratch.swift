import Foundation

@testable import Beanstalk

/// A temporary directory per test, removed when the test ends.
final class Scratch {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/beanstalk-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Folders staged read-only must be writable again to be removed.
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            for case let item as String in enumerator {
                chmod(path + "/" + item, 0o755)
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ relative: String, _ text: String, mode: Int = 0o644) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        chmod(full, mode_t(mode))
        return full
    }

    func zip(_ name: String = "bundle.zip", _ build: (inout ZipWriter) -> Void) -> String {
        var writer = ZipWriter()
        build(&writer)
        let full = path + "/" + name
        try! writer.write(to: full)
        return full
    }

    /// Everything under `relative`, recursively, sorted.
    func listing(_ relative: String) -> [String] {
        let full = relative.isEmpty ? path : path + "/" + relative
        return ((try? FileManager.default.subpathsOfDirectory(atPath: full)) ?? []).sorted()
    }

    func mode(_ relative: String) -> Int {
        var info = stat()
        lstat(path + "/" + relative, &info)
        return Int(info.st_mode & 0o7777)
    }
}

extension Scratch {
    /// Stages a folder bundle holding `files` (path → text).
    func bundle(_ files: [String: String]) throws -> StagedBundle {
        let folder = "bundle-" + UUID().uuidString
        for (path, text) in files { _ = file(folder + "/" + path, text) }
        try FileManager.default.createDirectory(atPath: self.path + "/" + folder, withIntermediateDirectories: true)
        return try SourceBundle.stage(self.path + "/" + folder, into: self.path + "/staging-" + folder)
    }
}

let dockerAL2023 = Platform(branch: .dockerAL2023, released: PlatformDate(2025, 6, 1))
let ecsAL2023 = Platform(branch: .ecsAL2023, released: PlatformDate(2025, 6, 1))
