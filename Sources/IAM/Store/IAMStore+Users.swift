import Foundation
import Storage

extension IAMTables {
    func user(account: String, name: String) throws -> IAMUser? {
        try connection.queryOne(
            "SELECT * FROM iam_user WHERE account_id = ? AND name = ?", [.text(account), .text(name)]
        )
        .map(Self.user)
    }

    func users(account: String) throws -> [IAMUser] {
        try connection.query("SELECT * FROM iam_user WHERE account_id = ? ORDER BY name", [.text(account)]).map(
            Self.user)
    }

    func insert(_ user: IAMUser) throws {
        try connection.run(
            "INSERT INTO iam_user (user_id, account_id, name, path, arn, created_at, tags) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(user.userID), .text(user.accountID), .text(user.name), .text(user.path), .text(user.arn),
                .real(user.createdAt.timeIntervalSince1970), .text(Self.encodeTags(user.tags)),
            ])
    }

    func deleteUser(account: String, name: String) throws {
        try connection.run("DELETE FROM iam_user WHERE account_id = ? AND name = ?", [.text(account), .text(name)])
    }

    func setUserTags(account: String, name: String, tags: [IAMTag]) throws {
        try connection.run(
            "UPDATE iam_user SET tags = ? WHERE account_id = ? AND name = ?",
            [.text(Self.encodeTags(tags)), .text(account), .text(name)])
    }

    static func user(_ row: Row) throws -> IAMUser {
        IAMUser(
            userID: try row.string("user_id"), accountID: try row.string("account_id"), name: try row.string("name"),
            path: try row.string("path"), arn: try row.string("arn"), createdAt: date(try row.double("created_at")),
            tags: decodeTags(try row.string("tags")))
    }

    // MARK: Access keys

    func accessKey(_ id: String) throws -> AccessKey? {
        try connection.queryOne("SELECT * FROM iam_access_key WHERE access_key_id = ?", [.text(id)]).map(Self.accessKey)
    }

    func accessKeys(account: String, user: String) throws -> [AccessKey] {
        try connection.query(
            "SELECT * FROM iam_access_key WHERE account_id = ? AND user_name = ? ORDER BY created_at",
            [.text(account), .text(user)]
        ).map(Self.accessKey)
    }

    func insert(_ key: AccessKey) throws {
        try connection.run(
            """
            INSERT INTO iam_access_key (access_key_id, account_id, user_name, secret_access_key, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [
                .text(key.accessKeyID), .text(key.accountID), .text(key.userName), .text(key.secretAccessKey),
                .text(key.status), .real(key.createdAt.timeIntervalSince1970),
            ])
    }

    func setAccessKeyStatus(_ id: String, status: String) throws {
        try connection.run("UPDATE iam_access_key SET status = ? WHERE access_key_id = ?", [.text(status), .text(id)])
    }

    func deleteAccessKey(_ id: String) throws {
        try connection.run("DELETE FROM iam_access_key WHERE access_key_id = ?", [.text(id)])
    }

    static func accessKey(_ row: Row) throws -> AccessKey {
        AccessKey(
            accessKeyID: try row.string("access_key_id"), accountID: try row.string("account_id"),
            userName: try row.string("user_name"), secretAccessKey: try row.string("secret_access_key"),
            status: try row.string("status"), createdAt: date(try row.double("created_at")))
    }
}
