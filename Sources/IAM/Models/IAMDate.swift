import Foundation

/// IAM and STS timestamps: ISO 8601 UTC with seconds, as `2024-06-01T12:00:00Z`.
enum IAMDate {
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
