import Foundation

// Access keys of users.

extension IAMShapes {
    struct AccessKey: Encodable, Sendable {
        var UserName: String
        var AccessKeyId: String
        var Status: String
        var SecretAccessKey: String
        var CreateDate: Date

        init(_ key: IAM.AccessKey) {
            UserName = key.userName
            AccessKeyId = key.accessKeyID
            Status = key.status
            SecretAccessKey = key.secretAccessKey
            CreateDate = key.createdAt
        }
    }

    struct AccessKeyMetadata: Encodable, Sendable {
        var UserName: String
        var AccessKeyId: String
        var Status: String
        var CreateDate: Date

        init(_ key: IAM.AccessKey) {
            UserName = key.userName
            AccessKeyId = key.accessKeyID
            Status = key.status
            CreateDate = key.createdAt
        }
    }
}

struct CreateAccessKeyRequest: Decodable, Sendable {
    var UserName: String?
}

struct CreateAccessKeyResponse: Encodable, Sendable {
    var AccessKey: IAMShapes.AccessKey
}

struct ListAccessKeysRequest: Decodable, Sendable {
    var UserName: String?
}

struct ListAccessKeysResponse: Encodable, Sendable {
    var UserName: String
    var AccessKeyMetadata: [IAMShapes.AccessKeyMetadata]
    var IsTruncated: Bool
}

struct UpdateAccessKeyRequest: Decodable, Sendable {
    var UserName: String?
    var AccessKeyId: String?
    var Status: String?
}

struct DeleteAccessKeyRequest: Decodable, Sendable {
    var UserName: String?
    var AccessKeyId: String?
}
