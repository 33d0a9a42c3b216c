// The managed policies attached to a role or user, and its inline policies: the same
// operations for both, each with its own shapes as botocore names them.

extension IAMShapes {
    struct AttachedPolicy: Encodable, Sendable {
        var PolicyName: String
        var PolicyArn: String
    }
}

struct AttachRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyArn: String?
}

struct DetachRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyArn: String?
}

struct ListAttachedRolePoliciesRequest: Decodable, Sendable {
    var RoleName: String?
    var PathPrefix: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListAttachedRolePoliciesResponse: Encodable, Sendable {
    var AttachedPolicies: [IAMShapes.AttachedPolicy]
    var IsTruncated: Bool
    var Marker: String?
}

struct PutRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyName: String?
    var PolicyDocument: String?
}

struct GetRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyName: String?
}

struct GetRolePolicyResponse: Encodable, Sendable {
    var RoleName: String
    var PolicyName: String
    var PolicyDocument: String
}

struct ListRolePoliciesRequest: Decodable, Sendable {
    var RoleName: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListRolePoliciesResponse: Encodable, Sendable {
    var PolicyNames: [String]
    var IsTruncated: Bool
    var Marker: String?
}

struct DeleteRolePolicyRequest: Decodable, Sendable {
    var RoleName: String?
    var PolicyName: String?
}

struct AttachUserPolicyRequest: Decodable, Sendable {
    var UserName: String?
    var PolicyArn: String?
}

struct DetachUserPolicyRequest: Decodable, Sendable {
    var UserName: String?
    var PolicyArn: String?
}

struct ListAttachedUserPoliciesRequest: Decodable, Sendable {
    var UserName: String?
    var PathPrefix: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListAttachedUserPoliciesResponse: Encodable, Sendable {
    var AttachedPolicies: [IAMShapes.AttachedPolicy]
    var IsTruncated: Bool
    var Marker: String?
}

struct PutUserPolicyRequest: Decodable, Sendable {
    var UserName: String?
    var PolicyName: String?
    var PolicyDocument: String?
}

struct GetUserPolicyRequest: Decodable, Sendable {
    var UserName: String?
    var PolicyName: String?
}

struct GetUserPolicyResponse: Encodable, Sendable {
    var UserName: String
    var PolicyName: String
    var PolicyDocument: String
}

struct ListUserPoliciesRequest: Decodable, Sendable {
    var UserName: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListUserPoliciesResponse: Encodable, Sendable {
    var PolicyNames: [String]
    var IsTruncated: Bool
    var Marker: String?
}

struct DeleteUserPolicyRequest: Decodable, Sendable {
    var UserName: String?
    var PolicyName: String?
}
