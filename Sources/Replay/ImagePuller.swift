import Beanstalk
import Foundation

/// What pulled: the manifest digest and what the puller says it fetched.
public struct PulledImage: Sendable {
    public var manifestDigest: String
    public var blobs: Int
    public var bytes: Int
}

/// Something that does `docker pull` for the engine: ebauth's built-in registry client,
/// skopeo, or a real Docker engine. Each gets the credential docker would send (nil when the
/// instance has none) and reports failures in its own words.
public protocol ImagePuller: Sendable {
    var name: String { get }
    func pull(_ image: ImageReference, credential: DockerCredential?) -> Result<PulledImage, PullFailure>
}

/// A docker-format auth file holding just the credential for one image's registry.
enum SingleCredentialAuthFile {
    static func json(for image: ImageReference, credential: DockerCredential?, key: String) -> Data {
        guard let credential else { return Data(#"{"auths":{}}"#.utf8) }
        let auth = Data("\(credential.username):\(credential.password)".utf8).base64EncodedString()
        let object = ["auths": [key: ["auth": auth]]]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    /// Writes it with mode 0600 (it holds a password) and returns its path.
    static func write(_ data: Data, to path: String) throws -> String {
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}
