import Beanstalk
import Foundation

/// `--puller docker`: a real `docker pull` through a Docker engine whose registry traffic goes
/// through the replay's RegistryRouter. The CLI gets a config.json holding the instance's
/// credential (what `docker login` or the S3 auth file would have put there), so the engine
/// receives it as docker's X-Registry-Auth. Pulls are serialised (the router holds one
/// scenario's routes at a time) and the image is removed afterwards so every scenario pulls
/// from scratch. Failures are the engine's own text.
public struct DockerPuller: ImagePuller {
    public let engine: DockerEngine
    public let router: RegistryRouter
    public let routes: RegistryRoutes

    public var name: String { "docker" }

    public func pull(_ image: ImageReference, credential: DockerCredential?) -> Result<PulledImage, PullFailure> {
        let work = NSTemporaryDirectory() + "ebauth-docker-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        do {
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            _ = try SingleCredentialAuthFile.write(
                SingleCredentialAuthFile.json(for: image, credential: credential, key: image.credentialKey),
                to: work + "/config.json")
            let reference = image.canonical
            let output = try engine.pullLock.withLock { _ in
                router.use(routes)
                defer {
                    _ = try? engine.docker(["rmi", "-f", reference], timeout: 60)
                    router.use(nil)
                }
                return try engine.docker(["pull", reference], config: work)
            }
            guard output.succeeded else {
                let text = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(PullFailure(message: output.timedOut ? "docker pull timed out" : text, status: nil))
            }
            let lines = output.stdout.split(separator: "\n")
            let digest = lines.first { $0.hasPrefix("Digest: ") }.map { String($0.dropFirst("Digest: ".count)) } ?? ""
            let layers = lines.filter { $0.hasSuffix(": Pull complete") || $0.hasSuffix(": Already exists") }.count
            return .success(PulledImage(manifestDigest: digest, blobs: layers, bytes: 0))
        } catch {
            return .failure(PullFailure(message: "docker: \(error)", status: nil))
        }
    }
}
