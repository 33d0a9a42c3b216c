import Foundation
import IAM

/// The checks ECR makes on the policy documents it stores.
enum PolicyText {
    /// A repository policy must be a JSON policy whose statements name a principal (it is a
    /// resource policy). ECR answers anything else with this text (recorded from AWS in public
    /// Terraform code and tests). Every finding of the outline refuses it.
    static func checkRepositoryPolicy(_ text: String) throws(ECRError) {
        guard text.utf8.count <= 10240, let shape = try? PolicyShape(parsing: text), shape.findings.isEmpty else {
            throw .invalidParameter(
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'")
        }
    }

    /// Lifecycle policies are stored, not evaluated; they are checked for the shape ECR
    /// accepts so a policy that AWS would refuse is refused here too. Wording after AWS's
    /// "Lifecycle policy validation failure" messages (as moto records them).
    static func checkLifecyclePolicy(_ text: String) throws(ECRError) {
        let count = text.utf8.count
        if count < 100 || count > 30720 {
            throw .validation(
                "1 validation error detected: Value at 'lifecyclePolicyText' failed to satisfy constraint: Member must have length \(count < 100 ? "greater than or equal to 100" : "less than or equal to 30720")"
            )
        }
        func failure(_ reason: String) -> ECRError {
            .invalidParameter(
                "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: \(reason)'"
            )
        }
        guard let object = json(text), let rules = object["rules"] as? [[String: Any]], !rules.isEmpty else {
            throw failure("Could not map policyString into LifecyclePolicy.")
        }
        var priorities: Set<Int> = []
        for rule in rules {
            guard let priority = (rule["rulePriority"] as? NSNumber)?.intValue, priority >= 1 else {
                throw failure("Could not map policyString into LifecyclePolicy.")
            }
            guard priorities.insert(priority).inserted else { throw failure("Rule priority must be unique.") }
            guard let selection = rule["selection"] as? [String: Any],
                let tagStatus = (selection["tagStatus"] as? String)?.lowercased(),
                ["tagged", "untagged", "any"].contains(tagStatus),
                let countType = selection["countType"] as? String,
                ["imageCountMoreThan", "sinceImagePushed"].contains(countType),
                let countNumber = (selection["countNumber"] as? NSNumber)?.intValue, countNumber >= 1,
                let action = rule["action"] as? [String: Any], (action["type"] as? String)?.lowercased() == "expire"
            else { throw failure("Could not map policyString into LifecyclePolicy.") }
            if countType == "sinceImagePushed", (selection["countUnit"] as? String) != "days" {
                throw failure("Could not map policyString into LifecyclePolicy.")
            }
            if tagStatus == "tagged", selection["tagPrefixList"] == nil, selection["tagPatternList"] == nil {
                throw failure("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.")
            }
        }
    }

    private static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
