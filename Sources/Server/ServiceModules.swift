import AWSCore
import ECR
import IAM
import KMS
import Registry
import S3
import SSM
import SecretsManager

/// The services `ebauth serve` mounts. ECR's module also mounts the registry data plane and
/// the third-party registries (`Registry`).
public enum ServiceModules {
    /// KMS after SSM and Secrets Manager: its migrations move the keys those two kept in their own
    /// tables before (they also run in another order; see `KMSSchema`).
    public static let all: [any ServiceModule] = [
        IAMModule(), SSMModule(), SecretsManagerModule(), KMSModule(), S3Module(), ECRModule(),
    ]
}
