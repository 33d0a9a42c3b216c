import HTTPServer

/// Everything the registry data plane answers with an error. Handlers and access controls throw
/// these; `RegistryResponder` renders them once, in the distribution envelope
/// `{"errors":[{"code","message","detail"}]}`, with the wording of the namespace's flavor.
public enum RegistryError: Error, Sendable, Equatable {
    /// 401 with `WWW-Authenticate: <challenge>`; `access` lists what was asked for (the detail
    /// registry:2 and Docker Hub send).
    case unauthorized(challenge: String, access: [RegistryAccessRecord] = [])
    /// 403; `message` replaces the default text (ECR puts IAM's explanation here).
    case denied(message: String? = nil)
    case unsupported(detail: String? = nil)
    case nameInvalid(String)
    case nameUnknown(String)
    case manifestUnknown(ManifestReference)
    /// The manifest exists but the client's Accept header rules out its media type.
    case manifestNotAcceptable(message: String)
    case manifestInvalid(detail: String)
    /// One error entry per missing blob, as registry:2 lists them.
    case manifestBlobUnknown([String])
    case blobUnknown(String)
    case blobUploadUnknown(String)
    case digestInvalid(detail: String)
    /// 416: a chunk out of order. Carries where the upload stands so the client can resume.
    case rangeInvalid(location: String, uploadID: String, size: Int64)
    case tagInvalid(String)
    case paginationNumberInvalid(String)
    /// ebauth's own fault; details stay in the log, never on the wire.
    case unknown
    /// Any other code, status and text (for access controls and hooks with their own answers,
    /// such as ECR's 400 for a token of another region or `TOOMANYREQUESTS`).
    case custom(code: String, status: Int, message: String, headers: [RegistryHeader] = [])
}

/// One entry of the `WWW-Authenticate`-style detail registry:2 sends with UNAUTHORIZED/DENIED.
public struct RegistryAccessRecord: Sendable, Equatable {
    public var type: String
    public var name: String
    public var action: String

    public init(type: String = "repository", name: String, action: String) {
        self.type = type
        self.name = name
        self.action = action
    }

    var json: RegistryJSON {
        .object([
            .init("Type", .string(type)), .init("Class", ""), .init("Name", .string(name)),
            .init("Action", .string(action)),
        ])
    }
}

public struct RegistryHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension RegistryError {
    /// One `errors[]` entry.
    public struct Entry: Sendable, Equatable {
        public var code: RegistryErrorCode
        public var message: String
        public var detail: RegistryJSON?
    }

    /// The wire form: status, extra headers and the envelope's entries, worded for `namespace`
    /// (nil when the request never reached one).
    public func entries(for namespace: RegistryNamespace?) -> (status: Int, headers: [RegistryHeader], entries: [Entry])
    {
        let ecr = namespace?.flavor == .ecr
        func entry(_ code: RegistryErrorCode, _ message: String? = nil, _ detail: RegistryJSON? = nil) -> Entry {
            // ECR's bodies carry code and message only (EB-SPEC §B.5).
            Entry(code: code, message: message ?? code.message, detail: ecr ? nil : detail)
        }
        switch self {
        case .unauthorized(let challenge, let access):
            let detail: RegistryJSON? = access.isEmpty ? nil : .array(access.map(\.json))
            return (401, [RegistryHeader("WWW-Authenticate", challenge)], [entry(.unauthorized, nil, detail)])
        case .denied(let message):
            return (403, [], [entry(.denied, message)])
        case .unsupported(let detail):
            return (405, [], [entry(.unsupported, nil, detail.map { .string($0) })])
        case .nameInvalid(let name):
            return (
                400, [],
                [
                    entry(
                        .nameInvalid, nil,
                        .object([.init("Name", .string(name)), .init("Reason", "invalid repository name")]))
                ]
            )
        case .nameUnknown(let name):
            let message =
                ecr
                ? "The repository with name '\(name)' does not exist in the registry with id '\(namespace?.registryID ?? "")'"
                : nil
            return (404, [], [entry(.nameUnknown, message, .object([.init("Name", .string(name))]))])
        case .manifestUnknown(let reference):
            let detail: RegistryJSON =
                switch reference {
                case .tag(let tag): .object([.init("Tag", .string(tag))])
                case .digest(let digest): .object([.init("Revision", .string(digest))])
                }
            return (404, [], [entry(.manifestUnknown, ecr ? "Requested image not found" : nil, detail)])
        case .manifestNotAcceptable(let message):
            return (404, [], [entry(.manifestUnknown, message)])
        case .manifestInvalid(let detail):
            return (400, [], [entry(.manifestInvalid, nil, .string(detail))])
        case .manifestBlobUnknown(let digests):
            return (400, [], digests.map { entry(.manifestBlobUnknown, nil, .string($0)) })
        case .blobUnknown(let digest):
            return (404, [], [entry(.blobUnknown, nil, .string(digest))])
        case .blobUploadUnknown(let id):
            return (404, [], [entry(.blobUploadUnknown, nil, .string(id))])
        case .digestInvalid(let detail):
            return (400, [], [entry(.digestInvalid, nil, .string(detail))])
        case .rangeInvalid(let location, let uploadID, let size):
            let headers = [
                RegistryHeader("Location", location), RegistryHeader("Range", "0-\(max(size - 1, 0))"),
                RegistryHeader("Docker-Upload-UUID", uploadID),
            ]
            return (416, headers, [entry(.rangeInvalid)])
        case .tagInvalid(let tag):
            return (400, [], [entry(.tagInvalid, nil, .string(String(tag.prefix(300))))])
        case .paginationNumberInvalid(let value):
            return (400, [], [entry(.paginationNumberInvalid, nil, .string(String(value.prefix(40))))])
        case .unknown:
            return (500, [], [entry(.unknown)])
        case .custom(let code, let status, let message, let headers):
            return (
                status, headers,
                [
                    Entry(
                        code: RegistryErrorCode(value: code, message: message, status: status), message: message,
                        detail: nil)
                ]
            )
        }
    }

    /// The HTTP answer. ECR answers a missing or unusable credential with a plain-text
    /// `Not Authorized` (EB-SPEC §B.5); everything else is the JSON envelope.
    public func response(for namespace: RegistryNamespace?) -> HTTPResponse {
        let (status, extra, entries) = entries(for: namespace)
        var headers = HTTPHeaders()
        for header in extra { headers.add(header.name, header.value) }
        if case .unauthorized = self, namespace?.flavor == .ecr {
            headers.add("Content-Type", "text/plain; charset=utf-8")
            return HTTPResponse(status: status, headers: headers, text: "Not Authorized")
        }
        headers.add("Content-Type", "application/json; charset=utf-8")
        let body = RegistryJSON.object([
            .init(
                "errors",
                .array(
                    entries.map { entry in
                        var members: [RegistryJSON.Member] = [
                            .init("code", .string(entry.code.value)), .init("message", .string(entry.message)),
                        ]
                        if let detail = entry.detail { members.append(.init("detail", detail)) }
                        return .object(members)
                    }))
        ])
        return HTTPResponse(status: status, headers: headers, bytes: Array((body.text + "\n").utf8))
    }
}
