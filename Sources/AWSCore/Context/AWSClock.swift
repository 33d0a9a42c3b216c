import Foundation

/// The time as services see it. Injected so tests can age tokens and presigned URLs.
public struct AWSClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = AWSClock(now: { Date() })

    public static func fixed(_ date: Date) -> AWSClock {
        AWSClock(now: { date })
    }
}
