import HTTPServer

extension RegistryResponder {
    /// GET/HEAD/PUT/DELETE `/v2/<name>/manifests/<reference>`.
    func manifest(_ context: RegistryRequestContext, _ name: String, _ text: String) throws -> HTTPResponse {
        let namespace = context.namespace
        switch context.method {
        case "PUT":
            let reference = try ManifestReference.parse(text, flavor: namespace.flavor)
            guard context.request.body.count <= ManifestDocument.maximumSize else {
                throw RegistryError.manifestInvalid(detail: "manifest too large")
            }
            let digest = try backend.putManifest(
                namespace, name, reference: reference, bytes: try context.request.body.readAll(),
                contentType: context.request.headers["content-type"])
            return RegistryResponses.empty(
                201,
                [("Location", RegistryResponses.manifestLocation(name, digest)), ("Docker-Content-Digest", digest)])
        case "DELETE":
            let reference = try ManifestReference.parse(text, flavor: namespace.flavor)
            try backend.deleteManifest(namespace, name, reference: reference)
            return RegistryResponses.empty(202, [])
        default:
            // A reference that is no valid tag cannot name a manifest.
            let reference: ManifestReference
            do {
                reference = try ManifestReference.parse(text, flavor: namespace.flavor)
            } catch .tagInvalid {
                throw RegistryError.manifestUnknown(.tag(String(text.prefix(300))))
            }
            let served = try backend.manifest(
                namespace, name, reference: reference, acceptHeaderValues: context.request.headers.values(for: "accept")
            )
            let etag = "\"\(served.record.digest)\""
            var headers = HTTPHeaders()
            headers.add("Content-Type", served.record.mediaType)
            headers.add("Docker-Content-Digest", served.record.digest)
            headers.add("ETag", etag)
            if RegistryResponses.notModified(context.request, etag: etag) {
                return HTTPResponse(status: 304, headers: headers, body: .bytes([]))
            }
            if let bytes = served.bytes { return HTTPResponse(status: 200, headers: headers, bytes: bytes) }
            return HTTPResponse(
                status: 200, headers: headers,
                body: .file(path: served.path, offset: 0, length: Int(served.record.size)))
        }
    }

    /// GET `/v2/<name>/tags/list?n=&last=`.
    func tags(_ context: RegistryRequestContext, _ name: String) throws -> HTTPResponse {
        let limit = try RegistryResponses.pageSize(context.query, maximum: nil)
        let page = try backend.tags(context.namespace, name, last: context.query["last"], limit: limit)
        var extra: [(String, String)] = []
        if page.hasMore, let limit, let last = page.names.last {
            extra.append(("Link", "</v2/\(name)/tags/list?n=\(limit)&last=\(last)>; rel=\"next\""))
        }
        let body = RegistryJSON.object([
            .init("name", .string(name)), .init("tags", .array(page.names.map { .string($0) })),
        ])
        return RegistryResponses.json(200, body, headers: extra)
    }

    /// GET `/v2/_catalog?n=&last=`: 100 names a page unless `n` (at most 1000) says otherwise.
    func catalog(_ context: RegistryRequestContext) throws -> HTTPResponse {
        let limit = try RegistryResponses.pageSize(context.query, maximum: 1000) ?? 100
        let last = context.query["last"]
        let page = try backend.catalog(context.namespace, last: last, limit: limit)
        var extra: [(String, String)] = []
        if page.hasMore, let next = page.names.last {
            extra.append(("Link", "</v2/_catalog?n=\(limit)&last=\(next)>; rel=\"next\""))
        }
        return RegistryResponses.json(
            200, .object([.init("repositories", .array(page.names.map { .string($0) }))]), headers: extra)
    }
}
