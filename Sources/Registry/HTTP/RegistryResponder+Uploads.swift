import AWSCore
import HTTPServer

extension RegistryResponder {
    /// POST `/v2/<name>/blobs/uploads/`: mount (`?mount=&from=`), monolithic (`?digest=`) or start.
    func startUpload(_ context: RegistryRequestContext, _ name: String, access: any RegistryAccessControl) throws
        -> HTTPResponse
    {
        let namespace = context.namespace
        if let digest = context.query["digest"] {
            let link = try backend.uploadMonolithic(
                namespace, name, digest: digest, body: StreamingPayload(context.request.body))
            return created(name, link)
        }
        if let digest = context.query["mount"], let from = context.query["from"], RepositoryName.isValid(from),
            (try? access.authorize(context.request, namespace: namespace, action: .pull(repository: from, .blob)))
                != nil,
            let link = try backend.mountBlob(namespace, from: from, to: name, digest: digest)
        {
            return created(name, link)
        }
        // No mount (not allowed to pull `from`, or `from` lacks the blob): registry:2 starts an
        // ordinary upload instead.
        let upload = try backend.startUpload(namespace, name)
        return RegistryResponses.empty(
            202,
            [
                ("Location", RegistryResponses.uploadLocation(name, upload.id)),
                ("Range", RegistryResponses.uploadRange(0)),
                ("Docker-Upload-UUID", upload.id),
            ])
    }

    /// GET/PATCH/PUT/DELETE `/v2/<name>/blobs/uploads/<id>`.
    func upload(_ context: RegistryRequestContext, _ name: String, _ id: String) throws -> HTTPResponse {
        let namespace = context.namespace
        let location = RegistryResponses.uploadLocation(name, id)
        func progress(_ status: Int, _ size: Int64) -> HTTPResponse {
            RegistryResponses.empty(
                status,
                [("Location", location), ("Range", RegistryResponses.uploadRange(size)), ("Docker-Upload-UUID", id)])
        }
        switch context.method {
        case "PATCH":
            let size = try backend.appendToUpload(
                namespace, name, id: id, body: StreamingPayload(context.request.body),
                contentRange: context.request.headers["content-range"],
                location: location)
            return progress(202, size)
        case "PUT":
            let link = try backend.completeUpload(
                namespace, name, id: id, digest: context.query["digest"], body: StreamingPayload(context.request.body),
                contentRange: context.request.headers["content-range"], location: location)
            return created(name, link)
        case "DELETE":
            try backend.cancelUpload(namespace, name, id: id)
            return RegistryResponses.empty(204, [("Docker-Upload-UUID", id)])
        default:
            let (_, size) = try backend.uploadStatus(namespace, name, id: id)
            return progress(204, size)
        }
    }

    private func created(_ name: String, _ link: BlobLink) -> HTTPResponse {
        RegistryResponses.empty(
            201,
            [("Location", RegistryResponses.blobLocation(name, link.digest)), ("Docker-Content-Digest", link.digest)])
    }
}
