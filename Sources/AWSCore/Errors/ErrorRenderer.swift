import Foundation
import HTTPServer

/// Renders an `AWSError` in the format of the protocol the request arrived on.
public enum ErrorRenderer {
    public static func render(
        _ error: AWSError, protocol wire: AWSProtocol, requestID: String, xmlNamespace: String? = nil
    ) -> HTTPResponse {
        var headers = HTTPHeaders()
        switch wire {
        case .json11:
            headers.add("Content-Type", "application/x-amz-json-1.1")
            headers.add("x-amzn-RequestId", requestID)
            headers.add("X-Amzn-ErrorType", error.code)
        case .restXML:
            headers.add("Content-Type", "application/xml")
            headers.add("x-amz-request-id", requestID)
            headers.add("x-amz-id-2", RequestID.hostID(for: requestID))
        case .query:
            headers.add("Content-Type", "text/xml")
            headers.add("x-amzn-RequestId", requestID)
        }
        for header in error.headers { headers.add(header.name, header.value) }
        return HTTPResponse(
            status: error.status, headers: headers, bytes: Array(body(error, wire, requestID, xmlNamespace).utf8))
    }

    static func body(_ error: AWSError, _ wire: AWSProtocol, _ requestID: String, _ namespace: String?) -> String {
        switch wire {
        case .json11:
            let object = ["__type": error.code, "message": error.message]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case .restXML:
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(XMLText.escape(error.code))</Code>"
            xml += "<Message>\(XMLText.escape(error.message))</Message>"
            for detail in error.details {
                xml += "<\(detail.name)>\(XMLText.escape(detail.value))</\(detail.name)>"
            }
            xml += "<RequestId>\(requestID)</RequestId><HostId>\(RequestID.hostID(for: requestID))</HostId></Error>"
            return xml
        case .query:
            let xmlns = namespace.map { " xmlns=\"\($0)\"" } ?? ""
            return "<ErrorResponse\(xmlns)>\n  <Error>\n    <Type>\(error.fault.rawValue)</Type>\n"
                + "    <Code>\(XMLText.escape(error.code))</Code>\n    <Message>\(XMLText.escape(error.message))</Message>\n"
                + "  </Error>\n  <RequestId>\(requestID)</RequestId>\n</ErrorResponse>\n"
        }
    }

    /// Converts whatever a handler threw into an `AWSError`: known errors keep their code,
    /// anything else is ebauth's fault and says so without leaking internals.
    public static func awsError(for error: any Error) -> AWSError {
        switch error {
        case let error as any AWSErrorConvertible: error.awsError
        case is DecodingError: AWSError(code: "SerializationException", message: "Malformed request body.", status: 400)
        default: .internalFailure()
        }
    }
}
