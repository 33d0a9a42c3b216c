import Foundation
import Testing

@testable import Beanstalk

@Suite("Source bundle: staging a .zip")
struct SourceBundleZipTests {
    @Test("a hook zipped without its execute bit is staged as 0644")
    func hookWithoutExecuteBit() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("Dockerrun.aws.json", #"{"AWSEBDockerrunVersion": "1"}"#)
            zip.file(".platform/hooks/prebuild/01login.sh", "#!/bin/bash\ndocker login\n", mode: 0o644)
        }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        let hook = try #require(bundle.file(".platform/hooks/prebuild/01login.sh"))
        #expect(hook.mode == 0o644)
        #expect(!hook.isExecutable)
        #expect(scratch.mode("staging/.platform/hooks/prebuild/01login.sh") == 0o644)
    }

    @Test("a hook zipped with 0755 keeps its execute bit on disk")
    func hookWithExecuteBit() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.file(".platform/hooks/prebuild/01login.sh", "#!/bin/bash\n", mode: 0o755) }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        #expect(bundle.file(".platform/hooks/prebuild/01login.sh")?.isExecutable == true)
        #expect(scratch.mode("staging/.platform/hooks/prebuild/01login.sh") == 0o755)
    }

    @Test("stored and deflated entries extract byte for byte, with implied folders listed")
    func storedAndDeflated() throws {
        let scratch = Scratch()
        let big = String(repeating: "compressible line of text\n", count: 10_000)
        let zip = scratch.zip { zip in
            zip.file("stored.txt", "plain bytes", method: .stored)
            zip.file("deep/er/deflated.txt", big, method: .deflate)
        }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        #expect(String(decoding: try bundle.read("stored.txt"), as: UTF8.self) == "plain bytes")
        #expect(String(decoding: try bundle.read("deep/er/deflated.txt"), as: UTF8.self) == big)
        #expect(bundle.file("deep/er/deflated.txt")?.size == UInt64(big.utf8.count))
        #expect(bundle.file("deep")?.kind == .directory)
        #expect(bundle.file("deep/er")?.kind == .directory)
    }

    @Test("an archive made on Windows gets unzip's default modes and its backslashes become folders")
    func windowsArchive() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.add(
                .init(
                    name: ".platform\\hooks\\prebuild\\01login.sh", data: Array("#!/bin/bash\r\n".utf8), mode: nil,
                    host: 0))
            zip.add(.init(name: "docs", data: [], mode: nil, method: .stored, host: 0, dosAttributes: 0x10))
        }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        #expect(bundle.file(".platform/hooks/prebuild/01login.sh")?.mode == 0o644)
        #expect(bundle.file("docs")?.kind == .directory)
        #expect(bundle.file("docs")?.mode == 0o755)
    }

    @Test("an entry named ../../x is refused and nothing is written anywhere")
    func parentTraversal() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("Dockerfile", "FROM nginx\n")
            zip.file("../../x", "escaped")
        }
        #expect(throws: BundleError.parentTraversal(entry: "../../x")) {
            try SourceBundle.stage(zip, into: scratch.path + "/a/b/staging")
        }
        #expect(scratch.listing("a/b/staging").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/x"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/a/x"))
        #expect(
            BundleError.parentTraversal(entry: "../../x").message
                == "The source bundle entry '../../x' contains '..' and would be written outside the bundle.")
    }

    @Test("a Windows entry ..\\..\\x is refused like ../../x")
    func backslashTraversal() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.add(.init(name: "..\\..\\x", data: Array("x".utf8), mode: nil, host: 0)) }
        #expect(throws: BundleError.parentTraversal(entry: "..\\..\\x")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("an absolute entry name is refused")
    func absolutePath() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.file("/etc/cron.d/evil", "* * * * * root true") }
        #expect(throws: BundleError.absolutePath(entry: "/etc/cron.d/evil")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
        #expect(scratch.listing("staging").isEmpty)
    }

    @Test("a symbolic link out of the bundle is refused and no link is created")
    func symlinkOut() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("app.txt", "x")
            zip.symlink("config/passwd", to: "../../../etc/passwd")
        }
        #expect(throws: BundleError.symlinkEscapes(entry: "config/passwd", target: "../../../etc/passwd")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
        #expect(scratch.listing("staging").isEmpty)
    }

    @Test("an absolute symbolic link is refused")
    func absoluteSymlink() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.symlink("shadow", to: "/etc/shadow") }
        #expect(throws: BundleError.symlinkEscapes(entry: "shadow", target: "/etc/shadow")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a link that escapes through another link is refused although it looks inside")
    func escapeThroughLink() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.symlink("self", to: ".")
            zip.symlink("up", to: "self/..")
        }
        #expect(throws: BundleError.symlinkEscapes(entry: "up", target: "self/..")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("links that point at each other are refused as a loop")
    func linkLoop() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.symlink("a", to: "b")
            zip.symlink("b", to: "a")
        }
        #expect(throws: BundleError.symlinkLoop(entry: "a")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a link inside the bundle is staged as a link and read through")
    func linkInside() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("real/Dockerrun.aws.json", #"{"AWSEBDockerrunVersion": "1"}"#)
            zip.symlink("Dockerrun.aws.json", to: "real/Dockerrun.aws.json")
        }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        #expect(bundle.file("Dockerrun.aws.json")?.kind == .symlink(target: "real/Dockerrun.aws.json"))
        #expect(
            String(decoding: try bundle.read("Dockerrun.aws.json"), as: UTF8.self).contains("AWSEBDockerrunVersion"))
        let destination = try FileManager.default.destinationOfSymbolicLink(
            atPath: scratch.path + "/staging/Dockerrun.aws.json")
        #expect(destination == "real/Dockerrun.aws.json")
    }

    @Test("an entry stored inside a symbolic link is refused")
    func entryThroughLink() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.symlink("logs", to: "var")
            zip.file("logs/x", "through the link")
        }
        #expect(throws: BundleError.entryInsideSymlink(entry: "logs/x", link: "logs")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a file over the entry limit is refused before anything is written")
    func entryOverLimit() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("small.txt", "ok")
            zip.file("huge.bin", String(repeating: "0", count: 5_000))
        }
        let limits = BundleLimits(maxEntrySize: 1_000)
        #expect(throws: BundleError.entryTooLarge(entry: "huge.bin", limit: 1_000)) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging", limits: limits)
        }
        #expect(scratch.listing("staging").isEmpty)
    }

    @Test("an entry that declares a small size but inflates past the limit stops at the limit")
    func lyingSize() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("a.txt", "first")
            zip.add(
                .init(name: "bomb.bin", data: [UInt8](repeating: 0, count: 200_000), mode: 0o100644, declaredSize: 10))
        }
        let limits = BundleLimits(maxEntrySize: 50_000)
        #expect(throws: BundleError.entryTooLarge(entry: "bomb.bin", limit: 50_000)) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging", limits: limits)
        }
        #expect(scratch.listing("staging").isEmpty)
    }

    @Test("files that add up past the total limit are refused")
    func totalOverLimit() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            for index in 0..<5 { zip.file("f\(index)", String(repeating: "x", count: 400)) }
        }
        #expect(throws: BundleError.bundleTooLarge(limit: 1_000)) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging", limits: BundleLimits(maxTotalSize: 1_000))
        }
    }

    @Test("an archive over the size limit is refused without being read")
    func archiveOverLimit() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.file("a", String(repeating: "y", count: 3_000), method: .stored) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: zip)[.size] as? NSNumber).uint64Value
        #expect(throws: BundleError.archiveTooLarge(size: size, limit: 1_000)) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging", limits: BundleLimits(maxArchiveSize: 1_000))
        }
    }

    @Test("too many entries are refused")
    func tooManyEntries() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            for index in 0..<20 { zip.file("f\(index)", "x") }
        }
        #expect(throws: BundleError.tooManyEntries(count: 20, limit: 10)) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging", limits: BundleLimits(maxEntries: 10))
        }
    }

    @Test("a name that appears twice is refused, also when spelled differently")
    func duplicates() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("Dockerfile", "FROM nginx\n")
            zip.file("./Dockerfile", "FROM evil\n")
        }
        #expect(throws: BundleError.duplicateEntry(path: "Dockerfile")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a file that other entries need as a folder is refused")
    func fileFolderConflict() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file(".platform", "not a folder")
            zip.file(".platform/hooks/prebuild/01.sh", "#!/bin/sh\n")
        }
        #expect(throws: BundleError.conflictingEntry(path: ".platform/hooks/prebuild/01.sh", file: ".platform")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a staging directory that already holds files is refused")
    func stagingNotEmpty() throws {
        let scratch = Scratch()
        _ = scratch.file("staging/left-over", "x")
        let zip = scratch.zip { $0.file("a", "b") }
        #expect(throws: BundleError.stagingDirectoryNotEmpty(path: scratch.path + "/staging")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
        #expect(scratch.listing("staging") == ["left-over"])
    }

    @Test("a damaged entry is caught by its CRC-32 and the staging directory is emptied")
    func badChecksum() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("good", "fine")
            zip.add(.init(name: "bad", data: Array("damaged".utf8), mode: 0o100644, crcOverride: 0xDEAD_BEEF))
        }
        #expect(throws: BundleError.checksumMismatch(entry: "bad")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
        #expect(scratch.listing("staging").isEmpty)
    }

    @Test("an encrypted entry is refused")
    func encrypted() throws {
        let scratch = Scratch()
        let zip = scratch.zip { $0.add(.init(name: "secret", data: Array("x".utf8), mode: 0o100644, flags: 1)) }
        #expect(throws: BundleError.encryptedEntry(entry: "secret")) {
            try SourceBundle.stage(zip, into: scratch.path + "/staging")
        }
    }

    @Test("a file that is not a ZIP archive is reported as such")
    func notAZip() throws {
        let scratch = Scratch()
        let path = scratch.file("bundle.zip", "this is a tarball, honestly")
        #expect(throws: BundleError.notAZipArchive(path: path)) {
            try SourceBundle.stage(path, into: scratch.path + "/staging")
        }
    }

    @Test("a missing source bundle is reported by path")
    func missingSource() {
        #expect(throws: BundleError.sourceNotFound(path: "/nonexistent/bundle.zip")) {
            try SourceBundle.stage("/nonexistent/bundle.zip", into: "/tmp/never-created-\(UUID().uuidString)")
        }
    }

    @Test("a bundle zipped from its parent folder names that folder")
    func enclosingFolder() throws {
        let scratch = Scratch()
        let zip = scratch.zip { zip in
            zip.file("my-app/Dockerrun.aws.json", "{}")
            zip.file("my-app/.ebextensions/env.config", "option_settings: {}")
        }
        let bundle = try SourceBundle.stage(zip, into: scratch.path + "/staging")
        #expect(bundle.enclosingFolder == "my-app")
        #expect(bundle.file("Dockerrun.aws.json") == nil)
    }

    @Test(
        "an archive written by Info-ZIP zip (data descriptors, streamed) keeps modes and links",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip")))
    func realZipTool() throws {
        let scratch = Scratch()
        _ = scratch.file("src/.platform/hooks/prebuild/01login.sh", "#!/bin/bash\necho hi\n", mode: 0o755)
        _ = scratch.file("src/.platform/hooks/predeploy/02.sh", "#!/bin/bash\n", mode: 0o644)
        _ = scratch.file("src/Dockerfile", "FROM nginx\n")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path + "/src/link", withDestinationPath: "Dockerfile")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `zip -y` stores links as links; `-` writes to stdout, forcing data descriptors.
        process.arguments = ["-c", "cd '\(scratch.path)/src' && zip -qry - . > ../real.zip"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let bundle = try SourceBundle.stage(scratch.path + "/real.zip", into: scratch.path + "/staging")
        #expect(bundle.file(".platform/hooks/prebuild/01login.sh")?.mode == 0o755)
        #expect(bundle.file(".platform/hooks/predeploy/02.sh")?.mode == 0o644)
        #expect(bundle.file("link")?.kind == .symlink(target: "Dockerfile"))
        #expect(String(decoding: try bundle.read("Dockerfile"), as: UTF8.self) == "FROM nginx\n")
    }

    @Test(
        "a ZIP64 archive (zip -fz) is read through its ZIP64 records",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip")))
    func zip64() throws {
        let scratch = Scratch()
        _ = scratch.file("src/Dockerrun.aws.json", #"{"AWSEBDockerrunVersion": "1"}"#)
        _ = scratch.file("src/.platform/hooks/prebuild/01login.sh", "#!/bin/bash\n", mode: 0o644)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cd '\(scratch.path)/src' && zip -qr -fz - . > ../z64.zip"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/z64.zip"))
        // The ZIP64 end of central directory signature is present.
        #expect(bytes.range(of: Data([0x50, 0x4b, 0x06, 0x06])) != nil)
        let bundle = try SourceBundle.stage(scratch.path + "/z64.zip", into: scratch.path + "/staging")
        #expect(bundle.file(".platform/hooks/prebuild/01login.sh")?.mode == 0o644)
        #expect(String(decoding: try bundle.read("Dockerrun.aws.json"), as: UTF8.self).contains("1"))
    }
}
