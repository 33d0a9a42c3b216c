import Beanstalk
import Foundation

/// One sentence: the root cause and the fix.
enum Diagnosis {
    static func hook(relative: String, detail: String, platform: Platform, confighooks: Bool) -> String {
        if detail.hasSuffix("permission denied") {
            return
                "\(relative) has no execute bit and the platform (released \(platform.released)) predates 2022-04-29, when Beanstalk began granting it; run `chmod +x` on the hook and rebuild the zip (git update-index --chmod=+x), or update the platform"
                + (confighooks
                    ? " — container_commands do not run in configuration deployments, so a chmod there never reaches confighooks."
                    : ".")
        }
        if detail.hasSuffix("no such file or directory") {
            return
                "\(relative)'s interpreter line cannot be found — typically Windows CRLF line endings (`#!/bin/bash\\r`) on a platform released before 2022-12-29; convert the file to LF (dos2unix) or update the platform."
        }
        if detail.hasSuffix("exec format error") {
            return
                "\(relative) does not start with `#!` on line 1, so the kernel cannot run it; move the shebang (e.g. #!/bin/bash) to the first line."
        }
        if detail.contains("Cannot perform an interactive login") || detail.contains("Must provide --username") {
            return
                "docker login got an empty user or password in \(relative): the values did not reach the hook (check the get-config calls use $(…) and the environment properties exist)."
        }
        if detail.contains("unknown shorthand flag") {
            return
                "docker received get-config's own flags in \(relative): the assignment lacks command substitution; write USER=$(/opt/elasticbeanstalk/bin/get-config environment -k USER)."
        }
        if detail.contains("unauthorized") || detail.contains("login attempt") {
            return
                "docker login in \(relative) was refused by the registry: the user name or password stored for the environment is wrong, or the login names the wrong registry."
        }
        return "\(relative) exited with an error; its stderr is in the event and in eb-hooks.log."
    }

    static func application(_ error: DockerApplicationError) -> String {
        switch error {
        case .dockerrun(.bothMissing):
            return
                "Neither Dockerfile nor Dockerrun.aws.json is at the bundle root; zip the folder's contents, not the folder itself."
        default:
            return "The bundle's Docker definition is not valid for this platform: \(error.message)"
        }
    }

    static func authFile(_ error: AWSCallError, bucket: String, key: String, role: String) -> String {
        if error.isAccessDenied, error.message.contains("s3:ListBucket") {
            return
                "s3://\(bucket)/\(key) does not exist — S3 answers 403 instead of 404 because role \(role) lacks s3:ListBucket; fix Authentication.Key in Dockerrun.aws.json or upload the file under that key."
        }
        if error.isAccessDenied {
            return
                "Role \(role) may not read s3://\(bucket)/\(key) (\(error.message)); allow s3:GetObject on arn:aws:s3:::\(bucket)/\(key) (without s3:ListBucket a missing key is also 403)."
        }
        if error.code == "NoSuchBucket" || error.code == "PermanentRedirect"
            || error.code == "AuthorizationHeaderMalformed"
        {
            return
                "The auth bucket \(bucket) is not in the environment's region (\(error.code)); Beanstalk downloads only from its own region — copy the file to a bucket there."
        }
        if error.code == "NoSuchKey" {
            return
                "s3://\(bucket)/\(key) does not exist; fix Authentication.Key in Dockerrun.aws.json or upload the file."
        }
        return "Downloading s3://\(bucket)/\(key) failed: \(error)."
    }

    static func pull(
        _ failure: PullFailure, image: ImageReference, credentialFound: Bool, why: String, role: String, account: String
    ) -> String {
        if case .ecr(let owner, _) = image.registry, owner != account, failure.message.contains("resource-based policy")
        {
            return
                "The repository \(image.path) belongs to account \(owner) and its repository policy does not grant account \(account); add a repository policy allowing ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and ecr:BatchCheckLayerAvailability to arn:aws:iam::\(account):role/\(role) (the role's own policy must allow them too)."
        }
        if case .ecr(let account, let region) = image.registry, !credentialFound {
            return
                "Role \(role) could not get an ECR token for \(account) in \(region) (\(why)); attach AmazonEC2ContainerRegistryReadOnly or allow ecr:GetAuthorizationToken on *."
        }
        if failure.message.contains("no basic auth credentials") {
            return
                "No credentials for \(image.domain) were available at pull time (\(why)); log in to that registry by name (docker login \(image.domain)) in both .platform/hooks/prebuild and .platform/confighooks/prebuild, or fix the auth file's key."
        }
        if failure.message.contains("pull access denied") || failure.message.contains("unauthorized")
            || failure.message.contains("denied")
        {
            if case .ecr = image.registry {
                return
                    "The role's ECR token was refused for \(image.name): \(failure.message.components(separatedBy: ": ").last ?? ""); grant the pull actions in the role policy (and the repository policy for cross-account)."
            }
            return credentialFound
                ? "The registry refused the stored credentials for \(image.domain); the user lacks pull access or the password is wrong."
                : "No credentials for \(image.domain) were found (\(why)); docker pulled anonymously and the registry refused."
        }
        if failure.message.contains("manifest unknown") || failure.message.contains("not found") {
            return "\(image.familiar) does not exist in the registry; fix the image name or tag, or push it."
        }
        return "The pull of \(image.familiar) failed: \(failure.message)"
    }
}
