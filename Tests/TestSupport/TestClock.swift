import AWSCore
import Foundation
import Synchronization

/// A clock tests move by hand, to age tokens, sessions and URLs without waiting.
public final class TestClock: Sendable {
    /// 2023-11-14T22:13:20Z; SSM's and Secrets Manager's tests compare dates with it.
    public static let start = Date(timeIntervalSince1970: 1_700_000_000)

    private let current: Mutex<Date>

    public init(_ start: Date = TestClock.start) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock services take.
    public var aws: AWSClock { AWSClock(now: { [self] in now }) }
}
