import AWSCore
import Foundation
import Synchronization

/// IAM's timestamps (`2026-11-29T13:21:19Z`), formatted by hand: the policy evaluator stamps
/// every decision, and building an ISO8601DateFormatter per call cost a third of a request.
enum IAMDate {
    static func iso8601(_ date: Date) -> String {
        AMZDate.extended(date, suffix: "Z")
    }

    /// `iso8601` for the current time: the text changes once a second, so it is formatted once
    /// a second and shared by every request in that second.
    static func iso8601Now(_ date: Date) -> String {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        if let text = latest.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = iso8601(date)
        latest.withLock { $0 = (second, text) }
        return text
    }

    private static let latest = Mutex((second: Int.min, text: ""))
}
