import AWSCore
import Foundation

/// IAM's timestamps (`2026-11-29T13:21:19Z`), formatted by hand: the policy evaluator stamps
/// every decision, and building an ISO8601DateFormatter per call cost a third of a request.
enum IAMDate {
    static func iso8601(_ date: Date) -> String {
        AMZDate.extended(date, suffix: "Z")
    }
}
