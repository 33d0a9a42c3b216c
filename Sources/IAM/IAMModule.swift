import AWSCore
import Logging
import Storage

/// IAM, STS and the EC2 instance metadata service, mounted on the shared port.
///
/// `identity` hands the server ebauth's credential store (always) and policy authorizer (used
/// under `--enforce-iam`). The module keeps one decision log, so explanations are served for
/// every decision made, whichever service asked.
public struct IAMModule: ServiceModule {
    public let decisions: DecisionLog
    /// Parsed policy documents, shared by every authorizer this module hands out.
    let policyDocuments = PolicyCache()

    public init(decisions: DecisionLog = DecisionLog()) {
        self.decisions = decisions
    }

    public var migrations: [Migration] { IAMSchema.migrations }

    public func identity(_ environment: ServiceEnvironment) throws -> (
        credentials: any CredentialStore, authorizer: any Authorizer
    )? {
        (IAMCredentialStore(store: store(environment)), policyAuthorizer(environment))
    }

    public func handlers(_ environment: ServiceEnvironment) throws -> [any AWSServiceHandler] {
        let iam = IAMBackend(store: store(environment), authorizer: environment.authorizer, clock: environment.clock)
        return [iam.routes(), sts(environment).routes()]
    }

    public func pathRoutes(_ environment: ServiceEnvironment) throws -> [PathRoute] {
        let metadata = InstanceMetadataService(
            store: store(environment), sts: sts(environment), tokens: IMDSTokens(), clock: environment.clock,
            logger: Self.logger)
        return [
            PathRoute(prefix: "/latest/", name: "imds", responder: MetadataRoute(service: metadata)),
            PathRoute(
                prefix: "/_ebauth/instance", name: "ebauth-instances",
                responder: InstanceRoutes(
                    store: store(environment), metadata: metadata, endpoint: environment.endpoint,
                    defaultAccountID: environment.defaultAccountID)),
            PathRoute(
                prefix: "/_ebauth/decisions", name: "ebauth-decisions", responder: DecisionRoute(decisions: decisions)),
        ]
    }

    // The server hands modules no logger; this one is created after the server bootstrapped
    // logging, so it follows `--log-level`.
    static var logger: Logger { Logger(label: "ebauth.iam") }

    func store(_ environment: ServiceEnvironment) -> IAMStore { IAMStore(database: environment.database) }

    func policyAuthorizer(_ environment: ServiceEnvironment) -> PolicyAuthorizer {
        PolicyAuthorizer(
            store: store(environment), decisions: decisions, logger: Self.logger, clock: environment.clock,
            documents: policyDocuments)
    }

    func sts(_ environment: ServiceEnvironment) -> STSBackend {
        STSBackend(
            store: store(environment), policies: policyAuthorizer(environment), enforceIAM: environment.enforceIAM,
            clock: environment.clock)
    }
}
