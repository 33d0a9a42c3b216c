import HTTPServer

extension RegistryResponder {
    /// GET/HEAD/DELETE `/v2/<name>/blobs/<digest>`; GET honours a single `Range`.
    func blob(_ context: RegistryRequestContext, _ name: String, _ text: String) throws -> HTTPResponse {
        let namespace = context.namespace
        let digest = try Digest.parse(text)
        if context.method == "DELETE" {
            try backend.deleteBlob(namespace, name, digest: digest)
            return RegistryResponses.empty(202, [])
        }
        let served = try backend.blob(namespace, name, digest: digest)
        if context.method == "GET", let url = blobRedirect?(namespace, name, digest, context.principal) {
            return RegistryResponses.empty(307, [("Location", url), ("Docker-Content-Digest", digest)])
        }
        let size = Int(served.link.size)
        let etag = "\"\(digest)\""
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/octet-stream")
        headers.add("Docker-Content-Digest", digest)
        headers.add("ETag", etag)
        headers.add("Accept-Ranges", "bytes")
        headers.add("Cache-Control", "max-age=31536000")
        if RegistryResponses.notModified(context.request, etag: etag) {
            return HTTPResponse(status: 304, headers: headers, body: .bytes([]))
        }
        guard context.method == "GET" else {
            return HTTPResponse(status: 200, headers: headers, body: .file(path: served.path, offset: 0, length: size))
        }
        switch ByteRange.resolve(context.request.headers["range"], size: size) {
        case .whole:
            return HTTPResponse(status: 200, headers: headers, body: .file(path: served.path, offset: 0, length: size))
        case .partial(let range):
            headers.add("Content-Range", range.contentRange(size: size))
            return HTTPResponse(
                status: 206, headers: headers,
                body: .file(path: served.path, offset: range.offset, length: range.length))
        case .unsatisfiable:
            headers.add("Content-Range", "bytes */\(size)")
            return HTTPResponse(status: 416, headers: headers, body: .bytes([]))
        }
    }
}
