import Testing

@testable import Registry

@Suite("htpasswd")
struct HtpasswdTests {
    /// Written by `htpasswd -nbB johndoe s3cret` (Apache 2.4).
    let apacheLine = "johndoe:$2y$05$7bUQLLoSuENRomjRlPAHbuG.cD7lc938LEcqW7JEQ0ydb2RIs/yOO"

    @Test("a line written by Apache's htpasswd verifies with its password and no other")
    func apacheVector() throws {
        let entries = try Htpasswd.parse("# users\n\n" + apacheLine + "\n")
        #expect(entries.count == 1)
        #expect(entries[0].user == "johndoe")
        #expect(Htpasswd.verify("s3cret", hash: entries[0].hash))
        #expect(!Htpasswd.verify("s3cret ", hash: entries[0].hash))
        #expect(!Htpasswd.verify("", hash: entries[0].hash))
    }

    @Test("hashes we make are $2y$ bcrypt, salted, and verify")
    func roundTrip() throws {
        let first = try Htpasswd.hash("pa:ss word")
        let second = try Htpasswd.hash("pa:ss word")
        #expect(first.hasPrefix("$2y$05$"))
        #expect(first.count == 60)
        #expect(first != second)
        #expect(Htpasswd.verify("pa:ss word", hash: first))
        #expect(!Htpasswd.verify("pa:ss", hash: first))
    }

    @Test("entries that are not bcrypt are refused, as registry:2 refuses them")
    func notBcrypt() {
        #expect(throws: HtpasswdError.notBcrypt(user: "bob")) { try Htpasswd.parse("bob:$apr1$abc$def") }
        #expect(throws: HtpasswdError.notBcrypt(user: "bob")) { try Htpasswd.parse("bob:plaintext") }
        #expect(throws: HtpasswdError.malformedLine) { try Htpasswd.parse("no-colon-here") }
        #expect(!Htpasswd.verify("x", hash: "xxNOTBCRYPT"))
    }
}

@Suite("Basic credentials and patterns")
struct CredentialTests {
    @Test("Basic credentials split at the first colon")
    func basic() {
        let header = BasicCredentials(user: "u", password: "p:w").headerValue
        #expect(BasicCredentials(authorization: header) == BasicCredentials(user: "u", password: "p:w"))
        #expect(BasicCredentials(authorization: "Bearer abc") == nil)
        #expect(BasicCredentials(authorization: "Basic !!!") == nil)
    }

    @Test("repository globs match with * across slashes")
    func patterns() {
        #expect(RepositoryPattern("*").matches("a/b/c"))
        #expect(RepositoryPattern("johndoe/*").matches("johndoe/app"))
        #expect(!RepositoryPattern("johndoe/*").matches("jane/app"))
        #expect(RepositoryPattern("*/app").matches("a/b/app"))
        #expect(!RepositoryPattern("app").matches("app2"))
    }

    @Test("scopes parse with names between the first and last colon")
    func scopes() {
        #expect(
            TokenScope("repository:johndoe/app:pull,push")
                == TokenScope(type: "repository", name: "johndoe/app", actions: ["pull", "push"]))
        #expect(TokenScope("repository(plugin):a:pull") == TokenScope(type: "repository", name: "a", actions: ["pull"]))
        #expect(TokenScope("registry:catalog:*")?.actions == ["*"])
        #expect(TokenScope("nonsense") == nil)
    }
}
