import AWSCore
import Beanstalk
import Crypto
import Foundation

/// `--puller skopeo`: `skopeo copy docker://IMAGE dir:…` with an auth file holding the
/// instance's credential, its registry traffic sent through a RegistryRouter (every registry
/// treated as insecure, so skopeo falls back to plain HTTP the router can route). Failures are
/// skopeo's own text.
public struct SkopeoPuller: ImagePuller {
    public let router: RegistryRouter

    public var name: String { "skopeo" }

    public func pull(_ image: ImageReference, credential: DockerCredential?) -> Result<PulledImage, PullFailure> {
        let work = NSTemporaryDirectory() + "ebauth-skopeo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        do {
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            var arguments = ["copy", "--retry-times", "0", "--src-tls-verify=false"]
            if credential == nil {
                arguments.append("--src-no-creds")
            } else {
                // containers/image keys Docker Hub as docker.io, every other registry by host.
                let key = image.domain
                let file = try SingleCredentialAuthFile.write(
                    SingleCredentialAuthFile.json(for: image, credential: credential, key: key), to: work + "/auth.json"
                )
                arguments += ["--src-authfile", file]
            }
            arguments += ["docker://" + image.canonical, "dir:" + work + "/image"]
            let output = try Subprocess.run("skopeo", arguments, environment: router.proxyEnvironment)
            guard output.succeeded else {
                return .failure(PullFailure(message: Self.message(output), status: nil))
            }
            let manifest = try Data(contentsOf: URL(fileURLWithPath: work + "/image/manifest.json"))
            let files = try FileManager.default.contentsOfDirectory(atPath: work + "/image")
            let blobs = files.filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }
            let bytes = try blobs.reduce(manifest.count) { total, blob in
                total
                    + ((try FileManager.default.attributesOfItem(atPath: work + "/image/" + blob)[.size] as? Int) ?? 0)
            }
            return .success(
                PulledImage(
                    manifestDigest: "sha256:" + Hex.encode(SHA256.hash(data: manifest)), blobs: blobs.count,
                    bytes: bytes))
        } catch {
            return .failure(PullFailure(message: "skopeo: \(error)", status: nil))
        }
    }

    /// skopeo ends with `time=… level=fatal msg="…"`; the message is what a user reads.
    static func message(_ output: Subprocess.Output) -> String {
        if output.timedOut { return "skopeo timed out" }
        let line = output.lastErrorLine
        guard let start = line.range(of: "msg=\"") else {
            return line.isEmpty ? "skopeo exited with status \(output.status)" : line
        }
        var text = String(line[start.upperBound...])
        if text.hasSuffix("\"") { text.removeLast() }
        return text.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
    }
}
