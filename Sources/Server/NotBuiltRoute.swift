import Foundation
import HTTPServer

/// Answers a part of the port whose service is not built yet with 501 and its name, so a
/// missing piece never looks like AWS behaviour.
struct NotBuiltRoute: HTTPResponder {
    let name: String

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        let body = ["errors": [["code": "UNSUPPORTED", "message": "\(name) is not implemented by ebauth yet"]]]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(status: 501, headers: headers, bytes: Array(data))
    }
}
