import Foundation

/// One fuzz target: a parser fed arbitrary bytes. It must return or throw the parser's own error;
/// a crash, a hang or a broken invariant (`FuzzCheck.require`) is a finding.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void
}

enum FuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "http-head", run: HTTPHeadTarget.run),
        FuzzTarget(name: "http-chunked", run: HTTPChunkedTarget.run),
        FuzzTarget(name: "aws-chunked", run: AWSChunkedTarget.run),
        FuzzTarget(name: "sigv4", run: SigV4Target.run),
        FuzzTarget(name: "json11", run: JSON11Target.run),
        FuzzTarget(name: "s3-xml", run: S3XMLTarget.run),
        FuzzTarget(name: "registry-manifest", run: RegistryManifestTarget.run),
        FuzzTarget(name: "dockerrun", run: DockerrunTarget.run),
        FuzzTarget(name: "compose", run: ComposeTarget.run),
        FuzzTarget(name: "dockerfile", run: DockerfileTarget.run),
        FuzzTarget(name: "ebextensions", run: EBExtensionsTarget.run),
        FuzzTarget(name: "docker-auth", run: DockerAuthTarget.run),
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// The target chosen by `EBAUTH_FUZZ_TARGET` (libFuzzer owns argv, so the choice rides in the environment).
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["EBAUTH_FUZZ_TARGET"] ?? ""
        guard let target = named(name) else {
            FileHandle.standardError.write(
                Data(
                    "EBAUTH_FUZZ_TARGET must be one of: \(all.map(\.name).joined(separator: " "))\n".utf8))
            exit(2)
        }
        return target
    }()
}

enum FuzzCheck {
    /// A broken invariant is a finding: trap so libFuzzer (or the replay driver) reports the input.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
            abort()
        }
    }
}

/// Splits the input: the first byte picks options, the rest is the document.
struct FuzzInput {
    let selector: UInt8
    let body: [UInt8]

    init(_ bytes: [UInt8]) {
        selector = bytes.first ?? 0
        body = Array(bytes.dropFirst())
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzTargets.selected.run(bytes)
        return 0
    }

    /// libFuzzer's driver (compiler-rt `FuzzerDriver.cpp`); pointer and integer arguments only,
    /// so the Swift declaration calls the C function correctly.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable target with `main` aliased to `<module>_main`, which would leave
    /// libFuzzer's own `main` out; this is that entry point, handing over to libFuzzer.
    @_cdecl("ebauth_fuzz_main")
    public func ebauthFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
    }
#else
    /// Without libFuzzer (a plain `swift build`) the binary replays inputs through a target:
    /// `ebauth-fuzz <target> <file|directory>…`, for reproducing a finding under the debugger.
    @main
    struct ReplayDriver {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTargets.named(name) else {
                print("usage: ebauth-fuzz <target> <file|directory>…")
                print("targets: \(FuzzTargets.all.map(\.name).joined(separator: " "))")
                exit(2)
            }
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    target.run(Array(data))
                    count += 1
                }
            }
            print("\(name): \(count) inputs replayed")
        }

        static func files(at path: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
            guard isDirectory.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { path + "/" + $0 }
        }
    }
#endif
