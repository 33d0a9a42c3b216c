import AWSCore
import HTTPServer

/// Requests the HTTP layer could not read are answered in S3's XML error format: it is the
/// protocol of most large bodies and the one clients print best.
enum ProtocolErrors {
    static func response(_ error: HTTPParseError) -> HTTPResponse {
        let code: String
        switch error {
        case .headersTooLarge: code = "RequestHeaderSectionTooLarge"
        case .bodyTooLarge: code = "EntityTooLarge"
        case .timeout: code = "RequestTimeout"
        case .unsupportedTransferCoding: code = "NotImplemented"
        case .unsupportedVersion: code = "HttpVersionNotSupported"
        case .truncatedBody: code = "IncompleteBody"
        case .malformedRequestLine, .malformedHeader, .invalidContentLength, .malformedChunkedBody: code = "BadRequest"
        }
        let requestID = RequestID.make(for: .restXML)
        return ErrorRenderer.render(
            AWSError(code: code, message: error.message, status: error.status), protocol: .restXML, requestID: requestID
        )
    }
}
