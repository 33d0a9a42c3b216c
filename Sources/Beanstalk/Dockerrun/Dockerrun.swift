import Foundation

/// `Dockerrun.aws.json` as the customer wrote it, before any platform rule is applied.
///
/// Sources: EB developer guide (2023 archive) `single-container-docker-configuration.md` (v1),
/// `create_deploy_docker_v2config.md` (v2), current guide "Dockerrun.aws.json versions" (v3);
/// EB CLI `ebcli/containers/dockerrun.py` for key spellings and version comparison.
public struct Dockerrun: Sendable, Equatable {
    /// `AWSEBDockerrunVersion` as text: `"1"` and `1` are the same (the EB CLI compares
    /// `str(value)`); nil when the key is missing.
    public let version: String?
    public let authentication: AuthenticationLocation?
    /// v1 `Image`.
    public let image: ImageSpec?
    /// v1 `Ports`, nil when the key is missing.
    public let ports: [PortMapping]?
    /// v2 `containerDefinitions`, nil when the key is missing.
    public let containerDefinitions: [ContainerDefinition]?
    /// v2 `executionRoleArn` (needed for secrets on ECS platforms).
    public let executionRoleArn: String?

    public struct ImageSpec: Sendable, Equatable {
        /// `Image.Name`; nil when the key is missing.
        public let name: String?
        /// `Image.Update`: `"false"` (or `false`) skips the pull when a cached image exists.
        public let update: Bool
    }

    public struct PortMapping: Sendable, Equatable {
        /// As written (docs use numbers, customers often strings); nil when missing.
        public let containerPort: String?
        public let hostPort: String?
    }

    public struct ContainerDefinition: Sendable, Equatable {
        public let name: String?
        public let image: String?
        public let memory: Int?
        public let memoryReservation: Int?
        public let essential: Bool?
    }

    /// Parses the file's JSON. Fails only when it is not a JSON object; missing keys are
    /// reported later, by the platform's rules.
    public static func parse(_ data: Data) throws(DockerrunError) -> Dockerrun {
        guard let top = JSONValue.parse(data)?.object else { throw .invalidJSON }
        let version = top["AWSEBDockerrunVersion"]?.text
        var image: ImageSpec?
        if let spec = top["Image"]?.object {
            let update: Bool
            switch spec["Update"] {
            case .bool(let value): update = value
            case .string(let value): update = value.lowercased() != "false"
            default: update = true
            }
            image = ImageSpec(name: spec["Name"]?.string, update: update)
        }
        let ports = top["Ports"]?.array?.map { port in
            PortMapping(containerPort: port["ContainerPort"]?.text, hostPort: port["HostPort"]?.text)
        }
        let containers = top["containerDefinitions"]?.array?.map { container in
            var essential: Bool?
            if case .bool(let value) = container["essential"] { essential = value }
            return ContainerDefinition(
                name: container["name"]?.string,
                image: container["image"]?.string,
                memory: container["memory"]?.integer,
                memoryReservation: container["memoryReservation"]?.integer,
                essential: essential
            )
        }
        return Dockerrun(
            version: version,
            authentication: AuthenticationLocation.find(in: top, version: version),
            image: image,
            ports: ports,
            containerDefinitions: containers,
            executionRoleArn: top["executionRoleArn"]?.string
        )
    }
}

/// Where the S3 auth file lives, and which key spelling the customer used to say so.
public struct AuthenticationLocation: Sendable, Equatable {
    public enum Spelling: String, Sendable, Equatable {
        /// `"Authentication": {"Bucket", "Key"}` — v1, and v3 in the current guide.
        case capitalised = "Authentication.Bucket/Key"
        /// `"authentication": {"bucket", "key"}` — v2.
        case lowercase = "authentication.bucket/key"
        /// `"Authentication": {"bucket", "key"}` — v3 in the 2023 guide.
        case mixed = "Authentication.bucket/key"
    }

    public let bucket: String
    /// nil when only the bucket is given.
    public let key: String?
    public let spelling: Spelling

    /// The spellings each version reads, in the order tried:
    /// - v1: `Authentication.Bucket/Key` only (EB CLI `AUTH_KEY`; the AL1 hook's `jq .Authentication.Bucket`).
    /// - v2: `authentication.bucket/key`, then `Authentication.Bucket/Key` (the AL1 ECS hook's fallback).
    /// - v3: `Authentication.Bucket/Key` or `Authentication.bucket/key` (both appear in AWS's guides;
    ///   which one the AL2 engine reads is unverified, EB-SPEC §A.8).
    /// A bucket without a key still counts (the download then fails); a key without a bucket is
    /// ignored, as the AL1 hook skips authentication when the bucket is `null`.
    static func find(in top: [String: JSONValue], version: String?) -> AuthenticationLocation? {
        let spellings: [Spelling] =
            switch version {
            case "2": [.lowercase, .capitalised]
            case "3": [.capitalised, .mixed]
            default: [.capitalised]
            }
        for spelling in spellings {
            let (outer, bucketKey, keyKey) =
                switch spelling {
                case .capitalised: ("Authentication", "Bucket", "Key")
                case .lowercase: ("authentication", "bucket", "key")
                case .mixed: ("Authentication", "bucket", "key")
                }
            guard let block = top[outer]?.object, let bucket = block[bucketKey]?.string, !bucket.isEmpty else {
                continue
            }
            return AuthenticationLocation(bucket: bucket, key: block[keyKey]?.string, spelling: spelling)
        }
        return nil
    }
}
