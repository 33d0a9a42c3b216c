import AWSCore
import Foundation
import HTTPServer
import Storage

/// ebauth's own endpoints under `/_ebauth/`: health, reset and the server's clock.
struct InternalRoutes: HTTPResponder {
    let state: StateDirectory
    let database: Database
    let clock: ServerClock
    let services: [any AWSServiceHandler]

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/_ebauth/health"), ("HEAD", "/_ebauth/health"):
            return json(200, health())
        case ("POST", "/_ebauth/reset"):
            do {
                let report = try state.resetAll(database: database)
                clock.reset()
                return json(
                    200,
                    [
                        "reset": true, "tablesEmptied": report.tablesEmptied.count,
                        "blobFilesRemoved": report.blobFilesRemoved,
                    ])
            } catch {
                return json(500, ["error": "reset failed: \(error)"])
            }
        case ("GET", "/_ebauth/clock"):
            return json(200, clockAnswer())
        case ("POST", "/_ebauth/clock"):
            return moveClock(request)
        case (_, "/_ebauth/health"), (_, "/_ebauth/reset"), (_, "/_ebauth/clock"):
            return json(405, ["error": "method \(request.method) not allowed"])
        default:
            return json(404, ["error": "no such ebauth endpoint: \(request.path)"])
        }
    }

    /// `POST /_ebauth/clock` with one of `{"advance": SECONDS}`, `{"set": "ISO-8601"}` or
    /// `{"reset": true}`; answers the clock as GET does.
    func moveClock(_ request: HTTPRequest) -> HTTPResponse {
        guard let bytes = try? request.body.readAll(),
            let move = try? JSONDecoder().decode(ClockMove.self, from: Data(bytes))
        else {
            return json(
                400,
                ["error": #"expected a JSON object with one of "advance": seconds, "set": "ISO-8601" or "reset": true"#]
            )
        }
        do {
            switch (move.advance, move.set, move.reset) {
            case (let seconds?, nil, nil):
                try clock.advance(by: seconds)
            case (nil, let text?, nil):
                guard let date = Self.parse(text) else {
                    return json(400, ["error": "set is not an ISO-8601 time: \(text)"])
                }
                try clock.set(to: date)
            case (nil, nil, true?):
                clock.reset()
            default:
                return json(400, ["error": #"expected one of "advance": seconds, "set": "ISO-8601" or "reset": true"#])
            }
        } catch {
            return json(400, ["error": "\(error)"])
        }
        return json(200, clockAnswer())
    }

    /// The body of `POST /_ebauth/clock`; JSONDecoder keeps `true` from passing as a number.
    struct ClockMove: Decodable {
        var advance: Double?
        var set: String?
        var reset: Bool?
    }

    func clockAnswer() -> [String: Any] {
        ["now": Self.format(clock.now()), "offsetSeconds": clock.offsetSeconds]
    }

    static func format(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601))
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
