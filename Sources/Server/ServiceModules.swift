import AWSCore
import IAM
import Registry
import S3
import SSM

/// The services `ebauth serve` mounts. Each service issue adds its module here.
public enum ServiceModules {
    public static let all: [any ServiceModule] = [IAMModule(), SSMModule(), S3Module(), RegistryModule()]
}
