import Testing

@testable import Registry

@Suite("Repository names")
struct RepositoryNameTests {
    @Test("names of the distribution grammar are accepted")
    func valid() {
        for name in ["a", "johndoe/app", "a.b_c__d-e--f/g9", "library/nginx", "x/manifests/y", "a/b/c/d"] {
            #expect(RepositoryName.isValid(name), "\(name)")
        }
    }

    @Test("uppercase, empty components, dots alone, separators at the ends and overlong names are refused")
    func invalid() {
        for name in [
            "", "A", "a//b", "/a", "a/", "..", "a/../b", ".", "a/./b", "a..b", "a___b", "-a", "a-", "a_", "a%2fb",
            "a b", "a:b",
        ] {
            #expect(!RepositoryName.isValid(name), "\(name)")
        }
        #expect(RepositoryName.isValid(String(repeating: "a", count: 256)))
        #expect(!RepositoryName.isValid(String(repeating: "a", count: 257)))
    }
}

@Suite("Registry routes")
struct RegistryRouteTests {
    @Test("the base, the catalog and every endpoint are recognised")
    func endpoints() {
        #expect(RegistryRoute.parse(path: "/v2/") == .base)
        #expect(RegistryRoute.parse(path: "/v2") == .base)
        #expect(RegistryRoute.parse(path: "/v2/_catalog") == .catalog)
        #expect(RegistryRoute.parse(path: "/v2/a/b/tags/list") == .tags(name: "a/b"))
        #expect(RegistryRoute.parse(path: "/v2/a/manifests/latest") == .manifest(name: "a", reference: "latest"))
        #expect(RegistryRoute.parse(path: "/v2/a/blobs/sha256:x") == .blob(name: "a", digest: "sha256:x"))
        #expect(RegistryRoute.parse(path: "/v2/a/blobs/uploads/") == .uploads(name: "a"))
        #expect(RegistryRoute.parse(path: "/v2/a/blobs/uploads") == .uploads(name: "a"))
        #expect(RegistryRoute.parse(path: "/v2/a/blobs/uploads/abc") == .upload(name: "a", id: "abc"))
        #expect(RegistryRoute.parse(path: "/v2/a") == nil)
        #expect(RegistryRoute.parse(path: "/v3/a/manifests/x") == nil)
    }

    @Test("repository names containing manifests, blobs, uploads or tags components are parsed from the end")
    func trickyNames() {
        #expect(
            RegistryRoute.parse(path: "/v2/a/manifests/b/manifests/latest")
                == .manifest(name: "a/manifests/b", reference: "latest"))
        #expect(RegistryRoute.parse(path: "/v2/x/blobs/blobs/sha256:1") == .blob(name: "x/blobs", digest: "sha256:1"))
        #expect(RegistryRoute.parse(path: "/v2/x/blobs/blobs/uploads/") == .uploads(name: "x/blobs"))
        #expect(
            RegistryRoute.parse(path: "/v2/a/blobs/uploads/blobs/sha256:1")
                == .blob(name: "a/blobs/uploads", digest: "sha256:1"))
        #expect(RegistryRoute.parse(path: "/v2/a/tags/tags/list") == .tags(name: "a/tags"))
        #expect(
            RegistryRoute.parse(path: "/v2/a/tags/list/manifests/v1") == .manifest(name: "a/tags/list", reference: "v1")
        )
    }

    @Test("percent escapes are decoded per component, and an escaped slash stays invalid")
    func escapes() {
        #expect(
            RegistryRoute.parse(path: "/v2/a/manifests/sha256%3Aabc") == .manifest(name: "a", reference: "sha256:abc"))
        let smuggled = RegistryRoute.parse(path: "/v2/a%2Fb/manifests/latest")
        #expect(smuggled == .manifest(name: "a%2Fb", reference: "latest"))
        #expect(!RepositoryName.isValid(smuggled?.name ?? ""))
        #expect(RegistryRoute.parse(path: "/v2/a/manifests/%zz") == nil)
        #expect(RegistryRoute.parse(path: "/v2/../../etc/manifests/x")?.name.map(RepositoryName.isValid) == false)
    }
}

@Suite("Manifest references and digests")
struct ReferenceTests {
    @Test("tags follow [\\w][\\w.-]{0,127}; ECR allows 300 characters")
    func tags() {
        #expect(Tag.isValid("latest", flavor: .distribution))
        #expect(Tag.isValid("v1.2_3-rc", flavor: .distribution))
        #expect(!Tag.isValid(".hidden", flavor: .distribution))
        #expect(!Tag.isValid("-x", flavor: .distribution))
        #expect(!Tag.isValid("", flavor: .distribution))
        #expect(Tag.isValid(String(repeating: "t", count: 128), flavor: .distribution))
        #expect(!Tag.isValid(String(repeating: "t", count: 129), flavor: .distribution))
        #expect(Tag.isValid(String(repeating: "t", count: 300), flavor: .ecr))
    }

    @Test("only sha256 digests in lowercase hex are digests")
    func digests() throws {
        let good = "sha256:" + String(repeating: "a", count: 64)
        #expect(try ManifestReference.parse(good, flavor: .distribution) == .digest(good))
        #expect(throws: RegistryError.self) { try ManifestReference.parse("sha256:ABC", flavor: .distribution) }
        #expect(throws: RegistryError.self) {
            try ManifestReference.parse("sha512:" + String(repeating: "a", count: 128), flavor: .distribution)
        }
        #expect(!Digest.isValid("sha256:" + String(repeating: "A", count: 64)))
    }
}
