import AWSCore
import Foundation
import HTTPServer
import Storage

/// ebauth's own endpoints under `/_ebauth/`: health and reset.
struct InternalRoutes: HTTPResponder {
    let state: StateDirectory
    let database: Database
    let services: [any AWSServiceHandler]

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/_ebauth/health"), ("HEAD", "/_ebauth/health"):
            return json(200, health())
        case ("POST", "/_ebauth/reset"):
            do {
                let report = try state.resetAll(database: database)
                return json(
                    200,
                    [
                        "reset": true, "tablesEmptied": report.tablesEmptied.count,
                        "blobFilesRemoved": report.blobFilesRemoved,
                    ])
            } catch {
                return json(500, ["error": "reset failed: \(error)"])
            }
        case (_, "/_ebauth/health"), (_, "/_ebauth/reset"):
            return json(405, ["error": "method \(request.method) not allowed"])
        default:
            return json(404, ["error": "no such ebauth endpoint: \(request.path)"])
        }
    }

    func health() -> [String: Any] {
        var built: [String: Any] = [:]
        for description in ServiceCatalog.all {
            let handler = services.first { $0.service.name == description.name }
            let implemented =
                handler.map { handler in description.operations.filter(handler.implements).sorted() } ?? []
            built[description.name] = ["implemented": implemented.count, "operations": description.operations.count]
        }
        return [
            "status": "running", "version": EbauthVersion.string, "services": built,
            "state": ["persistent": !state.isTemporary],
        ]
    }

    func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add("Content-Type", "application/json")
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return HTTPResponse(status: status, headers: headers, bytes: Array(data))
    }
}
