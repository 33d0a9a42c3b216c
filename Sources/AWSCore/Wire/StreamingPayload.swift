import HTTPServer

/// A request payload as a service reads it: in pieces, never whole unless it is small by
/// contract. Large bodies arrive spooled to a file, which a blob store may adopt by renaming.
public struct StreamingPayload: Sendable {
    let body: HTTPBody

    /// The body as the HTTP layer received it (the protocol tables and the registry's responder
    /// wrap it; models only read it).
    public init(_ body: HTTPBody) {
        self.body = body
    }

    /// A payload held in memory (an XML document already read).
    public init(bytes: [UInt8]) {
        body = .bytes(bytes)
    }

    /// The payload's length in bytes (after aws-chunked decoding).
    public var count: Int { body.count }

    /// The file the server spooled the payload to, if it did; it is removed when the payload is
    /// gone unless something moved it first.
    public var spooledFilePath: String? {
        if case .file(let spooled) = body { return spooled.path }
        return nil
    }

    /// The whole payload in memory: only for payloads that are small by contract.
    public func readAll() throws -> [UInt8] { try body.readAll() }

    /// Calls `chunk` with successive pieces of the payload, at most 1 MiB each.
    public func forEachChunk(_ chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        try body.forEachChunk(chunk)
    }
}
