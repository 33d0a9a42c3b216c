/// A scenario: the AWS world a bundle is deployed into and what should happen
/// (`Scenarios/NAME/scenario.yml`, format in DESIGN.md).
public struct Scenario: Sendable, Equatable {
    public enum Flow: String, Sendable, CaseIterable {
        case ecr, ssm, s3, secrets
    }

    public var name: String
    public var description: String?
    /// Where the reproduced failure was reported (issue threads, documentation pages).
    public var sources: [String]
    public var flow: Flow
    public var platform: Platform
    public var account: String
    public var region: String
    /// The label Beanstalk events name (`… in application version LABEL …`).
    public var versionLabel: String
    public var instanceProfile: InstanceProfile
    /// Who deploys: CloudFormation resolves `{{resolve:…}}` with this identity. nil means an
    /// administrator.
    public var deployer: Deployer?
    public var ssmParameters: [SSMParameter]
    public var secrets: [Secret]
    public var buckets: [Bucket]
    public var repositories: [Repository]
    public var registries: [RegistrySpec]
    /// Environment properties set on the environment itself (console, API), which take
    /// precedence over `.ebextensions`.
    public var environment: [String: String]
    public var deployments: [Deployment]
    public var expect: Expectation

    public struct InstanceProfile: Sendable, Equatable {
        public var role: String
        public var managedPolicies: [String]
        public var inlinePolicies: [InlinePolicy]
    }

    public struct Deployer: Sendable, Equatable {
        public var name: String
        public var managedPolicies: [String]
        public var inlinePolicies: [InlinePolicy]
    }

    public struct InlinePolicy: Sendable, Equatable {
        public var name: String
        /// JSON text.
        public var document: String
    }

    public struct SSMParameter: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case string = "String"
            case stringList = "StringList"
            case secureString = "SecureString"
        }

        public var name: String
        public var type: Kind
        /// One value per version, oldest first (`value:` is a single version).
        public var values: [String]
        public var region: String?
    }

    public struct Secret: Sendable, Equatable {
        public var name: String
        public var value: String
        public var region: String?
        /// Scheduled for deletion (DeleteSecret with a recovery window) before the deployment.
        public var deleted: Bool = false
    }

    public struct Bucket: Sendable, Equatable {
        public var name: String
        public var region: String?
        public var objects: [Object]
        /// Bucket policy, JSON text.
        public var policy: String?
    }

    public struct Object: Sendable, Equatable {
        public enum Content: Sendable, Equatable {
            case dockerAuth(DockerAuthSpec)
            case inline(String)
            /// Relative to the scenario folder.
            case file(String)
        }

        public var key: String
        public var content: Content
    }

    public struct DockerAuthSpec: Sendable, Equatable {
        public enum Format: String, Sendable, CaseIterable {
            case dockercfg
            case configJSON = "config.json"
        }

        /// The server given to `docker login`; nil logs in to Docker Hub, as docker does.
        public var registry: String?
        public var user: String
        public var password: String
        public var format: Format
        public var email: String?
        /// `config.json` only: write `"credsStore": NAME` as Docker Desktop does, with an empty
        /// entry for the registry and no credentials in the file.
        public var credsStore: String?
    }

    public struct Repository: Sendable, Equatable {
        public var name: String
        public var account: String?
        public var region: String?
        public var tags: [String]
        /// Repository policy, JSON text.
        public var policy: String?
    }

    public struct RegistrySpec: Sendable, Equatable {
        public enum Auth: String, Sendable, CaseIterable {
            case basic, bearer, none
        }

        public var host: String
        public var auth: Auth
        public var users: [User]
        public var images: [RegistryImage]

        public init(host: String, auth: Auth, users: [User], images: [RegistryImage]) {
            self.host = host
            self.auth = auth
            self.users = users
            self.images = images
        }
    }

    public struct User: Sendable, Equatable {
        public var user: String
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    public struct RegistryImage: Sendable, Equatable {
        public var repository: String
        public var tag: String
    }

    public struct Deployment: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case application, configuration
        }

        public var kind: Kind
        /// Configuration deployments: environment properties to set (an empty value removes).
        public var environment: [String: String]
    }

    public struct Expectation: Sendable, Equatable {
        public enum Outcome: String, Sendable, CaseIterable {
            case pulled, failed
        }

        public enum Step: String, Sendable, CaseIterable {
            case bundle, ebextensions, hook, authentication, pull
        }

        public var outcome: Outcome
        public var images: [String]
        public var failure: Failure?
        /// Which deployment (0-based) the expectation is about; the last one by default.
        public var deployment: Int?

        public struct Failure: Sendable, Equatable {
            public var step: Step
            /// Must appear in the reported event.
            public var message: String
            /// What replaces `message` with a puller that words the failure its own way
            /// (`skopeo: "unauthorized: authentication required"`); keyed by puller name.
            public var pullerMessages: [String: String] = [:]

            public init(step: Step, message: String, pullerMessages: [String: String] = [:]) {
                self.step = step
                self.message = message
                self.pullerMessages = pullerMessages
            }
        }
    }
}
