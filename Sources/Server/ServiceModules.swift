import AWSCore
import ECR
import IAM
import Registry
import S3
import SecretsManager
import SSM

/// The services `ebauth serve` mounts. ECR's module also mounts the registry data plane and
/// the third-party registries (`Registry`).
public enum ServiceModules {
    public static let all: [any ServiceModule] = [IAMModule(), SSMModule(), SecretsManagerModule(), S3Module(), ECRModule()]
}
