import AWSCore
import Foundation

// Users and their tags.

extension IAMShapes {
    struct User: Encodable, Sendable {
        /// The root user has no path or name.
        var Path: String?
        var UserName: String?
        var UserId: String
        var Arn: String
        var CreateDate: Date
        var Tags: [IAMTag]?

        init(_ user: IAMUser, withTags: Bool = true) {
            Path = user.path
            UserName = user.name
            UserId = user.userID
            Arn = user.arn
            CreateDate = user.createdAt
            Tags = withTags ? IAMShapes.listed(user.tags) : nil
        }

        /// The root user, as `GetUser` without a name describes it.
        init(root caller: CallerIdentity) {
            UserId = caller.accountID
            Arn = caller.arn
            CreateDate = Date(timeIntervalSince1970: 0)
        }
    }
}

struct CreateUserRequest: Decodable, Sendable {
    var Path: String?
    var UserName: String?
    var Tags: [IAMShapes.Tag]?
}

struct CreateUserResponse: Encodable, Sendable {
    var User: IAMShapes.User
}

struct GetUserRequest: Decodable, Sendable {
    var UserName: String?
}

struct GetUserResponse: Encodable, Sendable {
    var User: IAMShapes.User
}

struct ListUsersRequest: Decodable, Sendable {
    var PathPrefix: String?
    var Marker: String?
    var MaxItems: Int?
}

struct ListUsersResponse: Encodable, Sendable {
    var Users: [IAMShapes.User]
    var IsTruncated: Bool
    var Marker: String?
}

struct DeleteUserRequest: Decodable, Sendable {
    var UserName: String?
}

struct TagUserRequest: Decodable, Sendable {
    var UserName: String?
    var Tags: [IAMShapes.Tag]?
}

struct UntagUserRequest: Decodable, Sendable {
    var UserName: String?
    var TagKeys: [String]?
}

struct ListUserTagsRequest: Decodable, Sendable {
    var UserName: String?
}

struct ListUserTagsResponse: Encodable, Sendable {
    var Tags: [IAMTag]
    var IsTruncated: Bool
}
