/// One registry's slice of the shared registry tables: an emulated quay.io, Docker Hub, or one
/// ECR account and region. Every stored row carries `id`, so one server holds many registries.
public struct RegistryNamespace: Sendable, Hashable {
    /// Whose wording errors use: the CNCF distribution registry (registry:2, Docker Hub, quay.io)
    /// or Amazon ECR (EB-SPEC §B.5).
    public enum Flavor: Sendable, Hashable {
        case distribution
        case ecr
    }

    /// Storage scope, e.g. `quay.io` or `ecr:123456789012:us-east-1`.
    public var id: String
    public var flavor: Flavor
    /// Named in ECR's messages ("…does not exist in the registry with id 'Y'"): the account id.
    /// For other registries, the host.
    public var registryID: String
    /// registry:2 creates a repository on first push; ECR refuses pushes to a repository that
    /// was not created through its API (NAME_UNKNOWN).
    public var createsRepositoriesOnPush: Bool

    public init(id: String, flavor: Flavor, registryID: String, createsRepositoriesOnPush: Bool) {
        self.id = id
        self.flavor = flavor
        self.registryID = registryID
        self.createsRepositoriesOnPush = createsRepositoriesOnPush
    }

    /// A registry:2-style registry (htpasswd, Docker Hub, quay.io) scoped by its host.
    public static func distribution(host: String) -> RegistryNamespace {
        RegistryNamespace(id: host, flavor: .distribution, registryID: host, createsRepositoriesOnPush: true)
    }

    /// One ECR private registry: an account in a region.
    public static func ecr(accountID: String, region: String) -> RegistryNamespace {
        RegistryNamespace(
            id: "ecr:\(accountID):\(region)", flavor: .ecr, registryID: accountID, createsRepositoriesOnPush: false)
    }
}
