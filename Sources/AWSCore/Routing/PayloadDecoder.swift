import Crypto
import Foundation
import HTTPServer

/// Turns the body as sent into the payload the service stores: removes aws-chunked framing
/// (checking chunk signatures, trailers and checksums) and checks `x-amz-content-sha256`.
enum PayloadDecoder {
    struct Payload {
        var body: HTTPBody
        var trailers: [(name: String, value: String)]
    }

    static func decode(_ request: HTTPRequest, authentication: Authentication, signingName: String) throws -> Payload {
        guard signingName == "s3", let declared = request.headers["x-amz-content-sha256"] else {
            return Payload(body: request.body, trailers: [])
        }
        if declared == "UNSIGNED-PAYLOAD" { return Payload(body: request.body, trailers: []) }
        if let mode = AWSChunkedDecoder.Mode(contentSHA256: declared) {
            return try decodeChunked(request, mode: mode, authentication: authentication)
        }
        if declared.hasPrefix("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD") {
            throw AWSError(
                code: "NotImplemented", message: "SigV4a streaming payloads are not implemented by ebauth.", status: 501
            )
        }
        guard declared.utf8.count == 64,
            declared.utf8.allSatisfy({
                UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 || UInt8(ascii: "a")...UInt8(ascii: "f") ~= $0
            })
        else {
            throw SigV4Error.invalidContentSHA256
        }
        var hasher = SHA256()
        try request.body.forEachChunk { hasher.update(bufferPointer: $0) }
        let computed = Hex.encode(hasher.finalize())
        guard computed == declared else { throw SigV4Error.contentSHA256Mismatch(client: declared, computed: computed) }
        return Payload(body: request.body, trailers: [])
    }

    static func decodeChunked(_ request: HTTPRequest, mode: AWSChunkedDecoder.Mode, authentication: Authentication)
        throws
        -> Payload
    {
        do {
            var signer: ChunkSigner?
            if let key = authentication.signingKey, let signature = authentication.signature,
                let amzDate = authentication.amzDate, mode != .unsignedWithTrailer
            {
                signer = ChunkSigner(
                    signingKey: key.symmetricKey, amzDate: amzDate, scope: signature.credential.scope,
                    seedSignature: signature.signature)
            }
            let configuration = AWSChunkedDecoder.Configuration(
                mode: mode, signer: signer,
                declaredTrailers: try AWSChunkedDecoder.Configuration.parseTrailerHeader(
                    request.headers["x-amz-trailer"] ?? ""),
                decodedContentLength: try AWSChunkedDecoder.Configuration.parseDecodedContentLength(
                    request.headers["x-amz-decoded-content-length"]))
            var decoder = try AWSChunkedDecoder(configuration)
            var directory = NSTemporaryDirectory()
            if case .file(let spooled) = request.body {
                directory = (spooled.path as NSString).deletingLastPathComponent
            }
            var sink = BodySink(threshold: 1 << 20, maximum: Int.max, directory: directory)
            do {
                try request.body.forEachChunk { piece in
                    try decoder.decode(piece) { try sink.append($0) }
                }
                let trailers = try decoder.finish()
                let fields = trailers.fields.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
                return Payload(body: try sink.finish(), trailers: fields)
            } catch {
                sink.discard()
                throw error
            }
        } catch let error as AWSChunkedError {
            throw AWSError(
                code: error.code, message: error.message, status: error.status,
                details: error.details.map { AWSError.Detail($0.name, $0.value) })
        }
    }
}
