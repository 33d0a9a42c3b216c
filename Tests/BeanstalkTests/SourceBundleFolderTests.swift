import Foundation
import Testing

@testable import Beanstalk

@Suite("Source bundle: staging a folder")
struct SourceBundleFolderTests {
    @Test("a folder bundle is copied with its modes and its links")
    func copiesModesAndLinks() throws {
        let scratch = Scratch()
        _ = scratch.file("bundle/.platform/hooks/prebuild/01login.sh", "#!/bin/bash\n", mode: 0o644)
        _ = scratch.file("bundle/.platform/hooks/prebuild/02run.sh", "#!/bin/bash\n", mode: 0o755)
        _ = scratch.file("bundle/Dockerrun.aws.json", "{}")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path + "/bundle/alias.json", withDestinationPath: "Dockerrun.aws.json")
        let bundle = try SourceBundle.stage(scratch.path + "/bundle", into: scratch.path + "/staging")
        #expect(bundle.source == .folder(path: scratch.path + "/bundle"))
        #expect(bundle.file(".platform/hooks/prebuild/01login.sh")?.mode == 0o644)
        #expect(bundle.file(".platform/hooks/prebuild/02run.sh")?.mode == 0o755)
        #expect(bundle.file("alias.json")?.kind == .symlink(target: "Dockerrun.aws.json"))
        #expect(scratch.mode("staging/.platform/hooks/prebuild/02run.sh") == 0o755)
        #expect(bundle.children(of: ".platform/hooks/prebuild").map(\.name) == ["01login.sh", "02run.sh"])
    }

    @Test("a folder bundle with a link out of it is refused and the original is untouched")
    func linkOut() throws {
        let scratch = Scratch()
        _ = scratch.file("bundle/Dockerfile", "FROM nginx\n")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path + "/bundle/hosts", withDestinationPath: "/etc/hosts")
        #expect(throws: BundleError.symlinkEscapes(entry: "hosts", target: "/etc/hosts")) {
            try SourceBundle.stage(scratch.path + "/bundle", into: scratch.path + "/staging")
        }
        #expect(scratch.listing("staging").isEmpty)
        #expect(scratch.listing("bundle") == ["Dockerfile", "hosts"])
    }

    @Test("a file over the limit in a folder bundle is refused")
    func folderFileOverLimit() throws {
        let scratch = Scratch()
        _ = scratch.file("bundle/big", String(repeating: "z", count: 2_000))
        #expect(throws: BundleError.entryTooLarge(entry: "big", limit: 100)) {
            try SourceBundle.stage(
                scratch.path + "/bundle", into: scratch.path + "/staging", limits: BundleLimits(maxEntrySize: 100))
        }
    }
}
